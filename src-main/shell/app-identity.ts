/**
 * The app's identity, shared by the shell and the installer configuration
 * (`electron-builder.config.ts`), so the two cannot drift. It imports nothing, so the builder
 * configuration can load it without Electron.
 *
 * On Windows the installer stamps the app id on the Start-menu shortcut as its AppUserModelId;
 * the running app must call `app.setAppUserModelId` with the same string or its notifications
 * are silently dropped.
 */
export const APP_ID = 'io.tokenkeeper.desktop';
export const APP_USER_MODEL_ID = APP_ID;
export const PRODUCT_NAME = 'Tokenkeeper';

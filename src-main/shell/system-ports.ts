/**
 * Electron implementations of the core's small ports: clipboard and OS integration.
 */
import path from 'node:path';
import fs from 'node:fs/promises';
import { type BrowserWindow, ClipboardItem, app, clipboard, dialog, nativeTheme, shell } from 'electron';
import type { ClipboardPort, SystemIntegration } from '../core/ports';

const osFormat = (format: string) => `electron application/osclipboard;format="${format}"`;

/**
 * Marker formats written in the same atomic clipboard write as the secret, so clipboard
 * managers and OS history leave it out: macOS's nspasteboard.org convention, Windows' history
 * and cloud-clipboard exclusion formats, and KDE Klipper's password-manager hint.
 */
export function concealedClipboardItem(
  text: string,
  platform: NodeJS.Platform,
): Record<string, string | Blob> {
  const item: Record<string, string | Blob> = { 'text/plain': text };
  if (platform === 'darwin') item[osFormat('org.nspasteboard.ConcealedType')] = '';
  if (platform === 'win32') {
    item[osFormat('ExcludeClipboardContentFromMonitorProcessing')] = new Blob([new Uint8Array(1)]);
    // DWORD 0: "do not include in clipboard history" / "do not upload to cloud clipboard".
    item[osFormat('CanIncludeInClipboardHistory')] = new Blob([new Uint8Array(4)]);
    item[osFormat('CanUploadToCloudClipboard')] = new Blob([new Uint8Array(4)]);
  }
  if (platform === 'linux') item[osFormat('x-kde-passwordManagerHint')] = 'secret';
  return item;
}

export const electronClipboard: ClipboardPort = {
  writeSecret: (text) => clipboard.write([new ClipboardItem(concealedClipboardItem(text, process.platform))]),
  readText: () => clipboard.readText(),
  clear: () => clipboard.clear(),
};

export function electronSystem(getWindow: () => BrowserWindow | null): SystemIntegration {
  return {
    openExternal: (url) => shell.openExternal(url),
    async openPath(target) {
      const error = await shell.openPath(target);
      if (error !== '') throw new Error('could not open folder');
    },
    async saveFile(request) {
      const win = getWindow();
      const options = { defaultPath: request.defaultName, filters: request.filters };
      const result =
        win === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(win, options);
      if (result.canceled || result.filePath === undefined) return null;
      await fs.writeFile(result.filePath, request.content, { mode: 0o600 });
      return result.filePath;
    },
    async openFile(request) {
      const win = getWindow();
      const options = { properties: ['openFile' as const], filters: request.filters };
      const result =
        win === null ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(win, options);
      const file = result.filePaths[0];
      if (result.canceled || file === undefined) return null;
      const name = path.basename(file);
      // Checked before reading: a huge file is never loaded into memory.
      const { size } = await fs.stat(file);
      if (size > request.maxBytes) return { name, tooLarge: true, bytes: size };
      return { name, content: await fs.readFile(file, 'utf8') };
    },
    async choosePath(request) {
      const win = getWindow();
      const options = { title: request.title, properties: ['openFile' as const, 'showHiddenFiles' as const] };
      const result =
        win === null ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(win, options);
      const file = result.filePaths[0];
      return result.canceled || file === undefined ? null : file;
    },
    setStartAtLogin(enabled) {
      app.setLoginItemSettings({ openAtLogin: enabled });
    },
    setTheme(theme) {
      nativeTheme.themeSource = theme;
    },
    setContentProtection(enabled) {
      const win = getWindow();
      if (win !== null && !win.isDestroyed()) win.setContentProtection(enabled);
    },
  };
}

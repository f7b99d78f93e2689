/** Electron main entry. Everything Electron-specific lives in ./shell. */
import { runApp } from './shell/main';

runApp();

import type { TokenkeeperApi } from '../../src-preload/api';

declare global {
  interface Window {
    readonly tokenkeeper: TokenkeeperApi;
  }
}

export {};

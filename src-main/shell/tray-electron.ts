/** Electron's Tray, Menu and nativeImage behind the tray service's small factory interface. */
import { Menu, Tray, nativeImage, type NativeImage } from 'electron';
import type { TrayFactory } from './tray';

export const electronTrayFactory: TrayFactory<NativeImage, Menu> = {
  loadImage: (file) => nativeImage.createFromPath(file),
  createTray(image) {
    const tray = new Tray(image);
    return {
      setImage: (next) => tray.setImage(next),
      setToolTip: (text) => tray.setToolTip(text),
      setContextMenu: (menu) => tray.setContextMenu(menu),
      onClick: (listener) => {
        tray.on('click', () => listener());
      },
      destroy: () => tray.destroy(),
    };
  },
  buildMenu: (template) => Menu.buildFromTemplate(template),
};

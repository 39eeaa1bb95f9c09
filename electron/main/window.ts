import { BrowserWindow } from 'electron';
import { productName } from './app-info.ts';

/** Where the main window's preload and page come from. */
export interface MainWindowOptions {
  /** Absolute path of the bundled (CommonJS) preload script. */
  readonly preloadPath: string;
  /** The page to show: `app://pediledger/index.html`, or the dev server in `electron-vite dev`. */
  readonly url: string;
}

/**
 * Opens the main window; it is shown once the first paint is ready. The webPreferences are written out here as a
 * literal, even where they equal Electron's defaults, so that reviewers and Electronegativity (which reads the literal
 * at the `new BrowserWindow` site) see every setting; window.test.ts checks them.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 600,
    show: false,
    title: productName,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // Middle-click would otherwise open links in new windows without going through the window-open handler's intent.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => {
    window.show();
  });
  void window.loadURL(options.url);
  return window;
}

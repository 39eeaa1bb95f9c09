// report:savePdf with a fake window (rendering and save dialog) and the real file writer on a temporary folder.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ipcContract } from '../../../shared/ipc/contract.ts';
import { partialAppHandlers } from '../testing/partialHandlers.ts';
import { createAppInfo } from '../app-info.ts';
import type { CallContext, WindowCapabilities } from '../ipc/handlers.ts';
import { createIpcRouter, noAppLock } from '../ipc/router.ts';
import { createPrintHandlers, type PdfFileWriter } from './pdfExport.ts';

const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const args = { suggestedFileName: 'Health report Mia Rossi r-1.pdf' };

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pediledger-pdf-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface FakeWindow extends WindowCapabilities {
  readonly asked: string[];
}

function fakeWindow(options: { bytes?: Uint8Array | Error; choose?: string | null }): FakeWindow {
  const asked: string[] = [];
  return {
    asked,
    printToPdf: () =>
      options.bytes instanceof Error ? Promise.reject(options.bytes) : Promise.resolve(options.bytes ?? pdf),
    chooseSavePath: (name) => {
      asked.push(name);
      return Promise.resolve(options.choose === undefined ? path.join(dir, name) : options.choose);
    },
  };
}

function router(files?: PdfFileWriter): ReturnType<typeof createIpcRouter> {
  const handlers = createPrintHandlers(files === undefined ? {} : { files });
  return createIpcRouter(ipcContract, partialAppHandlers(createAppInfo('electron', '0.1.0', 'test'), handlers), {
    lock: noAppLock,
  });
}

const electron = (window: WindowCapabilities): CallContext => ({
  transport: 'electron',
  origin: 'app://pediledger',
  window,
});

describe('report:savePdf', () => {
  it('renders the page, asks where to save with the suggested name, and writes the PDF there', async () => {
    const window = fakeWindow({});
    const result = await router().call('report:savePdf', args, electron(window));
    const file = path.join(dir, args.suggestedFileName);
    expect(result).toEqual({ ok: true, value: { saved: true, path: file, bytes: pdf.byteLength } });
    expect(window.asked).toEqual([args.suggestedFileName]);
    expect(new Uint8Array(await readFile(file))).toEqual(pdf);
    expect(await readdir(dir)).toEqual([args.suggestedFileName]);
  });

  it('adds .pdf when the dialog returned a name without it', async () => {
    const result = await router().call(
      'report:savePdf',
      args,
      electron(fakeWindow({ choose: path.join(dir, 'mine') })),
    );
    expect(result).toMatchObject({ ok: true, value: { saved: true, path: path.join(dir, 'mine.pdf') } });
    expect(existsSync(path.join(dir, 'mine.pdf'))).toBe(true);
  });

  it('answers saved: false and writes nothing when the user cancels the dialog', async () => {
    const writes: string[] = [];
    const files: PdfFileWriter = {
      write: (file) => {
        writes.push(file);
        return Promise.resolve();
      },
    };
    const result = await router(files).call('report:savePdf', args, electron(fakeWindow({ choose: null })));
    expect(result).toEqual({ ok: true, value: { saved: false } });
    expect(writes).toEqual([]);
  });

  it('answers PDF_EXPORT_FAILED when rendering fails, without asking or writing', async () => {
    const window = fakeWindow({ bytes: new Error('render process gone') });
    const result = await router().call('report:savePdf', args, electron(window));
    expect(result).toMatchObject({ ok: false, error: { code: 'PDF_EXPORT_FAILED' } });
    expect(result.ok ? '' : result.error.message).toContain('render process gone');
    expect(window.asked).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses output that is not a PDF', async () => {
    const window = fakeWindow({ bytes: new TextEncoder().encode('<html>not a pdf</html>') });
    const result = await router().call('report:savePdf', args, electron(window));
    expect(result).toMatchObject({ ok: false, error: { code: 'PDF_EXPORT_FAILED' } });
    expect(await readdir(dir)).toEqual([]);
  });

  it('leaves no file (and no temporary file) when writing fails', async () => {
    // The chosen name is an existing folder: the temporary file is written, and renaming it over the folder fails.
    const taken = path.join(dir, 'taken.pdf');
    await mkdir(taken);
    const result = await router().call('report:savePdf', args, electron(fakeWindow({ choose: taken })));
    expect(result).toMatchObject({ ok: false, error: { code: 'PDF_EXPORT_FAILED', details: { path: taken } } });
    expect(await readdir(dir)).toEqual(['taken.pdf']);
    expect(await readdir(taken)).toEqual([]);
  });

  it('leaves no file when the folder cannot be written', async () => {
    const missing = path.join(dir, 'gone', 'report.pdf');
    const result = await router().call('report:savePdf', args, electron(fakeWindow({ choose: missing })));
    expect(result).toMatchObject({ ok: false, error: { code: 'PDF_EXPORT_FAILED' } });
    expect(await readdir(dir)).toEqual([]);
  });

  it('keeps the chosen path, which names the child, out of the message main logs', async () => {
    const chosen = path.join(dir, 'gone', 'Health report Zq7Planted Rossi rep-1.pdf');
    const result = await router().call('report:savePdf', args, electron(fakeWindow({ choose: chosen })));
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'PDF_EXPORT_FAILED', message: 'The PDF could not be saved to the chosen file (ENOENT)' },
    });
    expect(result.ok ? null : result.error.details).toEqual({ path: chosen });
  });

  it('answers PDF_EXPORT_UNAVAILABLE in the browser shell, pointing to the browser’s print dialog', async () => {
    const result = await router().call('report:savePdf', args, { transport: 'browser', origin: 'http://127.0.0.1:1' });
    expect(result).toMatchObject({ ok: false, error: { code: 'PDF_EXPORT_UNAVAILABLE' } });
    expect(result.ok ? '' : result.error.message).toMatch(/browser’s print dialog/);
  });

  it('refuses a file name with a folder before anything is rendered', async () => {
    const window = fakeWindow({});
    const result = await router().call('report:savePdf', { suggestedFileName: '../evil.pdf' }, electron(window));
    expect(result).toMatchObject({ ok: false, error: { code: 'IPC_INVALID_ARGS' } });
    expect(window.asked).toEqual([]);
  });
});

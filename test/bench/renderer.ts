/**
 * The token list in the renderer, run in its own process by run.ts: the test host (real core,
 * built renderer) holding 50,000 tokens in 50 connections, driven in Debian's Chromium. All
 * timing happens inside the page (lib/page-probe.ts):
 * - navigation to the first rows painted, on a fresh page each time;
 * - keystroke to the updated list while typing a search, one key at a time, each compared with
 *   what the core says the list must then show;
 * - frame times while the list scrolls by a fixed step every frame.
 * Usage: renderer.ts <iterations> [rendererDir]. Prints one JSON line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import type { TokenQuery } from '../../src-preload/contract';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../playwright.config';
import { startHost, DEFAULT_RENDERER_DIR } from '../host/server';
import { benchDir, insertConnection, insertRecords } from './lib/core';
import { tokenRecords } from './lib/data';
import {
  installProbe,
  type Expectation,
  type KeystrokeSplit,
  type Probe,
  type ScrollReport,
} from './lib/page-probe';
import { KEY_MARK, splitKeyFrames, type KeyFrameSplit } from './lib/frame-split';

const CONNECTIONS = 50;
const PER_CONNECTION = 1_000;
/**
 * Keys pressed one at a time in the search box: digits (as when looking for a token's last 4 or
 * number), a word, and the Backspaces that take each away again. A key whose list looks exactly
 * like the previous one has nothing to wait for and is left out (counted as skipped).
 */
export const KEYS = [
  ...'4821',
  'Backspace',
  'Backspace',
  'Backspace',
  'Backspace',
  ...'grafana',
  ...Array<string>(7).fill('Backspace'),
];
const SCROLL_STEP_PX = 156;
const SCROLL_FRAMES = 240;

export interface RendererResult {
  tokens: number;
  firstRowsMs: number[];
  keystrokeMs: number[];
  /** The same keystrokes, each split into the app's script and the rest of the frame. */
  keystrokeSplits?: KeystrokeSplit[];
  /** The same keys on the main thread, from a trace: the key's task, the wait, the frame's task. */
  keystrokeFrames?: KeyFrameSplit[];
  skippedKeys: number;
  scroll: ScrollReport[];
  /** Navigation start to the window answering the list from its index (all tokens read). */
  indexReadyMs: number[];
  /** The renderer's JS heap after a full collection, with the index of every token loaded. */
  heapMb: number[];
  /** The core's time per call while the first page loaded (in arrival order). */
  loadCalls: { channel: string; ms: number }[];
}

type ProbeWindow = Window & { __tkProbe: Probe };

async function openPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const page = await context.newPage();
  // tsx (esbuild) wraps named functions in a `__name` helper that the page does not have.
  await page.addInitScript({ content: 'globalThis.__name = (target) => target;' });
  await page.addInitScript(installProbe);
  await page.goto(url);
  await page.waitForFunction(
    () => (window as unknown as ProbeWindow).__tkProbe.firstRowsMs !== null,
    undefined,
    { timeout: 60_000 },
  );
  return page;
}

async function main(): Promise<void> {
  const iterations = Number(process.argv[2] ?? '3');
  const rendererDir = path.resolve(process.argv[3] ?? DEFAULT_RENDERER_DIR);
  const dataDir = benchDir('renderer');
  const host = await startHost({ dataDir, rendererDir, configure: (deps) => ({ ...deps, proxyEnv: {} }) });
  const now = host.clock.now();
  for (let c = 0; c < CONNECTIONS; c++) {
    const id = `c_bench${String(c).padStart(4, '0')}`;
    insertConnection(
      host.core,
      id,
      c % 2 === 0 ? 'mailtrap' : 'smoxy',
      `${c % 2 === 0 ? 'Mailtrap' : 'smoxy'} ${c + 1}`,
    );
    insertRecords(
      host.core,
      tokenRecords(id, PER_CONNECTION, {
        now,
        seed: c + 1,
        accounts: c % 2 === 0 ? 5 : null,
        offset: c * PER_CONNECTION,
      }),
    );
  }

  // What the list must show after each key (the renderer's own query: 100 rows, default sort).
  const shownFor = async (text: string): Promise<Expectation> => {
    const query: TokenQuery = {
      offset: 0,
      limit: 100,
      sort: { column: 'expiresAt', direction: 'asc' },
      groupBy: 'none',
      ...(text === '' ? {} : { search: text }),
    };
    const page = await host.core.handlers.listTokens(query);
    return { matched: page.matched, firstNames: page.rows.slice(0, 5).map((r) => r.name) };
  };
  const expectations: (Expectation | null)[] = [];
  let previous = JSON.stringify(await shownFor(''));
  let text = '';
  for (const key of KEYS) {
    text = key === 'Backspace' ? text.slice(0, -1) : text + key;
    const expectation = await shownFor(text);
    const shown = JSON.stringify(expectation);
    expectations.push(shown !== previous ? expectation : null);
    previous = shown;
  }

  // How long the core's handler runs for each call the page makes (the first load is reported).
  const calls: { channel: string; ms: number }[] = [];
  const handlers = host.core.handlers as unknown as Record<string, (input: unknown) => unknown>;
  for (const [channel, handler] of Object.entries(handlers)) {
    handlers[channel] = (input: unknown) => {
      const started = performance.now();
      try {
        return handler(input);
      } finally {
        calls.push({ channel, ms: performance.now() - started });
      }
    };
  }

  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const result: RendererResult = {
    tokens: CONNECTIONS * PER_CONNECTION,
    firstRowsMs: [],
    keystrokeMs: [],
    keystrokeSplits: [],
    keystrokeFrames: [],
    skippedKeys: 0,
    scroll: [],
    indexReadyMs: [],
    heapMb: [],
    loadCalls: [],
  };
  try {
    for (let i = 0; i < iterations; i++) {
      // As when the app starts on this cache and opens its window: the reminders are planned at start-up.
      host.core.reminders.replanNow();
      const page = await openPage(browser, host.pageUrl);
      result.firstRowsMs.push(
        await page.evaluate(() => (window as unknown as ProbeWindow).__tkProbe.firstRowsMs ?? -1),
      );
      if (i === 0) result.loadCalls = calls.splice(0);

      // The whole index read: from then on the window answers searches itself.
      await page.waitForSelector('.token-grid[data-source="index"]', { timeout: 60_000 });
      result.indexReadyMs.push(await page.evaluate(() => performance.now()));
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      result.heapMb.push(heap.usedSize / 1e6);

      // Frames while scrolling the full list.
      await page.waitForTimeout(300);
      result.scroll.push(
        await page.evaluate(
          ([step, frames]) => (window as unknown as ProbeWindow).__tkProbe.scroll(step, frames),
          [SCROLL_STEP_PX, SCROLL_FRAMES] as const,
        ),
      );

      // Typing a search, one key at a time.
      // A trace of the main thread while typing, to split each key's time (lib/frame-split.ts).
      const trace: Parameters<typeof splitKeyFrames>[0] = [];
      cdp.on('Tracing.dataCollected', (data) => trace.push(...(data.value as unknown as typeof trace)));
      const traced = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.start', {
        categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing',
        transferMode: 'ReportEvents',
      });
      const search = page.getByRole('searchbox', { name: 'Search tokens' });
      await search.click();
      for (let k = 0; k < KEYS.length; k++) {
        const expectation = expectations[k] ?? null;
        if (expectation !== null)
          await page.evaluate(
            ([e, mark]) => {
              (window as unknown as ProbeWindow).__tkProbe.expect(e);
              performance.mark(mark);
            },
            [expectation, KEY_MARK] as const,
          );
        else result.skippedKeys += 1;
        await page.keyboard.press(KEYS[k] ?? '');
        if (expectation !== null)
          await page.waitForFunction(() => (window as unknown as ProbeWindow).__tkProbe.idle(), undefined, {
            timeout: 10_000,
          });
        // A person's pause between keys; the list may finish whatever it still does.
        await page.waitForTimeout(120);
      }
      await cdp.send('Tracing.end');
      await traced;
      result.keystrokeFrames?.push(...splitKeyFrames(trace));
      result.keystrokeMs.push(
        ...(await page.evaluate(() => (window as unknown as ProbeWindow).__tkProbe.keystrokes)),
      );
      result.keystrokeSplits?.push(
        ...(await page.evaluate(() => (window as unknown as ProbeWindow).__tkProbe.splits())),
      );
      await page.context().close();
      process.stderr.write(
        `  renderer run ${i + 1}/${iterations}: first rows ${(result.firstRowsMs[i] ?? 0).toFixed(0)} ms\n`,
      );
    }
  } finally {
    await browser.close();
    await host.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();

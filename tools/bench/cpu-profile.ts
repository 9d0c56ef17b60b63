/**
 * `npm run bench -- first-view --profile`: where a phone's main thread spends a signed-in reload of the page
 * with every element. The page is built without minifying names (the same code otherwise), the timed reload
 * is sampled by the protocol's Profiler, and the functions that took the most time are printed, each with its
 * file: self time (in the function itself) and total time (with what it called), on the 4×-slowed CPU.
 */
import type { Browser, CDPSession, Page } from 'playwright-core';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The page's running totals (`Performance.getMetrics`): seconds of layout, style, script and tasks; counts. */
async function metrics(cdp: CDPSession): Promise<Map<string, number>> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return new Map(list.map((m) => [m.name, m.value]));
}

/**
 * Starts sampling the page's main thread (every 200 µs); the returned function stops and gives the lines
 * to print: where the browser's own work went (layout, style) and the script's functions.
 */
export async function startProfile(cdp: CDPSession, browser: Browser, page: Page): Promise<() => Promise<string[]>> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'v8', 'blink', 'loading'] });
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    // The page's metrics count from its navigation (the reload): what the browser did for it.
    const after = await metrics(cdp);
    const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
    const ms = (name: string) => `${((after.get(name) ?? 0) * 1000).toFixed(0)} ms`;
    return [
      `Since navigation: tasks ${ms('TaskDuration')}, script ${ms('ScriptDuration')}, style ${ms('RecalcStyleDuration')} (${after.get('RecalcStyleCount')} times), layout ${ms('LayoutDuration')} (${after.get('LayoutCount')} times), DOM nodes ${after.get('Nodes')}.`,
      ...summarizeTrace(trace.traceEvents),
      ...summarizeProfile(profile),
    ];
  };
}

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/**
 * The renderer main thread's trace events by name: each name's time, counting only the outermost event of
 * that name (a nested one of the same name would count twice). Events nest, so the times overlap.
 */
function summarizeTrace(events: TraceEvent[], top = 25): string[] {
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return ['No renderer main thread in the trace.'];
  const byName = new Map<string, number>();
  for (const e of events) {
    if (e.pid !== main.pid || e.tid !== main.tid || e.ph !== 'X' || !e.dur) continue;
    byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000);
  }
  return [
    'Trace, renderer main thread, time per event name (events nest: times overlap):',
    ...[...byName]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => `  ${ms.toFixed(1).padStart(8)} ms  ${name}`),
  ];
}

/** A function's name and where it is: `name (file:line)`, the file without its directory. */
function where({ functionName, url, lineNumber }: CallFrame): string {
  const file = url ? url.slice(url.lastIndexOf('/') + 1) : '';
  return `${functionName || '(anonymous)'}${file ? ` (${file}:${lineNumber + 1})` : ''}`;
}

/** The `top` functions by self time and by total time, and time per file, in ms, as lines of text. */
function summarizeProfile(profile: Profile, top = 25): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const perFile = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const node = byId.get(id)!;
    const key = where(node.callFrame);
    self.set(key, (self.get(key) ?? 0) + ms);
    const file = node.callFrame.url ? node.callFrame.url.slice(node.callFrame.url.lastIndexOf('/') + 1) : `(${node.callFrame.functionName || 'program'})`;
    perFile.set(file, (perFile.get(file) ?? 0) + ms);
    // Total: once per function on the sample's stack (a recursive function counts once).
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = where(byId.get(at)!.callFrame);
      if (seen.has(frame)) continue;
      seen.add(frame);
      total.set(frame, (total.get(frame) ?? 0) + ms);
    }
  });
  const list = (map: Map<string, number>, skip: (key: string) => boolean) =>
    [...map]
      .filter(([key]) => !skip(key))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, ms]) => `  ${ms.toFixed(1).padStart(8)} ms  ${key}`);
  const idle = (key: string) => key.startsWith('(idle)') || key.startsWith('(program)') || key.startsWith('(root)');
  const busy = [...self].filter(([key]) => !idle(key)).reduce((sum, [, ms]) => sum + ms, 0);
  return [
    `Main thread busy ${busy.toFixed(0)} ms of ${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms sampled (4× slowed CPU).`,
    'By file (self time):',
    ...list(perFile, (key) => key === '(idle)' || key === '(program)' || key === '(root)'),
    'By function, self time:',
    ...list(self, idle),
    'By function, total time (with what it called):',
    ...list(total, idle),
  ];
}

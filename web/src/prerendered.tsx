/**
 * The entry of a prerendered page (web/build.ts), kept tiny: the page is readable already, so it
 * starts the console (`start.tsx`, its own chunks, none preloaded) once the page has painted its
 * content: the script's download and evaluation never hold the first paint (issue 28). Every other
 * page has `main.tsx`, which starts the console at once.
 */

/** How long the page waits for the browser to report its first paint before it starts the console anyway. */
const PAINT_WAIT_MS = 1000;

/** Calls `then` once, when the page has painted its first content, or after PAINT_WAIT_MS if the browser does not say. */
function afterFirstPaint(then: () => void): void {
  let called = false;
  const once = (): void => {
    if (called) return;
    called = true;
    then();
  };
  const painted = (entries: readonly PerformanceEntry[]) => entries.some((entry) => entry.name === 'first-contentful-paint');
  if (painted(performance.getEntriesByType('paint'))) return once();
  try {
    new PerformanceObserver((list, observer) => {
      if (!painted(list.getEntries())) return;
      observer.disconnect();
      once();
    }).observe({ type: 'paint', buffered: true });
  } catch {
    // A browser without paint timing: the timer below starts the console.
  }
  setTimeout(once, PAINT_WAIT_MS);
}

afterFirstPaint(() => void import('./start').then((app) => app.start()));

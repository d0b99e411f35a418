/**
 * The console's entry, kept tiny: the console itself (`start.tsx` and everything it imports) comes
 * as its own chunks. A page shown by its script starts it at once (index.html preloads those chunks);
 * a prerendered page (web/build.ts) is readable already, so it starts the console once the page has
 * been painted: the script's download and evaluation never hold the first paint (issue 28).
 */
import './styles.css';

function start(): void {
  void import('./start').then((app) => app.start());
}

if (document.getElementById('app')?.hasAttribute('data-prerendered')) requestAnimationFrame(() => setTimeout(start));
else start();

/** The console's entry on every page but the prerendered ones (those have `prerendered.tsx`): starts the console at once. */
import { start } from './start';
import './styles.css';

void start();

/** A menu button (ARIA menu button pattern): opens a list of actions, arrow keys move, Escape closes. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { Icon } from './Icon';

/** One action of the menu. */
export interface MenuItem {
  readonly label: string;
  readonly run: () => void;
  readonly danger?: boolean;
}

/** Props of `Menu`. */
export interface MenuProps {
  /** Accessible name of the button, e.g. "Actions for Ivan Petrov". */
  readonly label: string;
  readonly items: readonly MenuItem[];
}

/** The button and, while open, its menu. */
export function Menu({ label, items }: MenuProps) {
  const [open, setOpen] = useState(false);
  // Fixed to the viewport under the button, so a scrolling table never clips the menu.
  const [place, setPlace] = useState({ top: 0, right: 0 });
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const outside = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    // Scrolling moves the button away from the fixed menu: close it, keeping focus on the button if it was in the menu.
    const scrolled = () => {
      const focusInside = root.current?.contains(document.activeElement) ?? false;
      setOpen(false);
      if (focusInside) button.current?.focus();
    };
    document.addEventListener('mousedown', outside);
    window.addEventListener('scroll', scrolled, { capture: true, passive: true });
    return () => {
      document.removeEventListener('mousedown', outside);
      window.removeEventListener('scroll', scrolled, { capture: true });
    };
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const entries = [...(root.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = entries.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape') close();
    else if (event.key === 'ArrowDown') entries[(index + 1) % entries.length]?.focus();
    else if (event.key === 'ArrowUp') entries[(index - 1 + entries.length) % entries.length]?.focus();
    else return;
    event.preventDefault();
  };

  return (
    <div class="menu" ref={root} onKeyDown={onKeyDown}>
      <button ref={button} type="button" class="quiet" aria-label={label} aria-haspopup="menu" aria-expanded={open}
        onClick={() => {
          const box = button.current?.getBoundingClientRect();
          if (box) setPlace({ top: box.bottom + 4, right: Math.max(8, window.innerWidth - box.right) });
          setOpen(!open);
        }}>
        <Icon name="more" />
      </button>
      {open && (
        <ul role="menu" aria-label={label} style={{ top: `${place.top}px`, right: `${place.right}px` }}>
          {items.map((item, index) => (
            <li role="none" key={index}>
              <button type="button" role="menuitem" class={item.danger ? 'danger-text' : undefined} tabIndex={-1}
                onClick={() => {
                  // Focus goes back to the menu button first, so a dialog the item opens returns it there.
                  button.current?.focus();
                  setOpen(false);
                  item.run();
                }}>
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** An `<a href>` that changes the screen without reloading the page (a modified click still opens a new tab). */
import type { AnchorHTMLAttributes } from 'preact';
import { navigate } from '../router';

/** A link inside the console. */
export function Link({ href, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { readonly href: string }) {
  return (
    <a
      {...rest}
      href={href}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(href);
      }}
    />
  );
}

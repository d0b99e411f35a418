/** An `<a href>` that changes the screen without reloading the page (a modified click still opens a new tab). */
import type { AnchorHTMLAttributes } from 'preact';
import { localized, navigate } from '../router';

/** A link inside the console: `href` is a console path; the address carries the page's language. */
export function Link({ href, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { readonly href: string }) {
  return (
    <a
      {...rest}
      href={localized(href)}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(href);
      }}
    />
  );
}

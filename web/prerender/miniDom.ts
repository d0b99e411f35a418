/**
 * The smallest document Preact's own `render` can draw into outside a browser, and its HTML: the
 * build prerenders the public pages with it (no jsdom, no `preact-render-to-string`). It holds only
 * what Preact's diff uses — elements, text, attributes, child lists — and serializes the result.
 * Properties a browser reflects to attributes (`value`, `translate`, …) are absent here, so Preact
 * writes them as attributes, which is what the HTML needs.
 */

const XHTML = 'http://www.w3.org/1999/xhtml';
/** Elements without an end tag. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** A node of the mini document. */
export abstract class MiniNode {
  public parentNode: MiniElement | null = null;
  public abstract readonly nodeType: number;
  public constructor(public readonly ownerDocument: MiniDocument) {}

  public get nextSibling(): MiniNode | null {
    const siblings = this.parentNode?.childNodes ?? [];
    return siblings[siblings.indexOf(this) + 1] ?? null;
  }

  public remove(): void {
    this.parentNode?.removeChild(this);
  }

  public abstract get textContent(): string;
  public abstract html(): string;
}

/** A text node. */
export class MiniText extends MiniNode {
  public readonly nodeType = 3;
  public constructor(owner: MiniDocument, public data: string) {
    super(owner);
  }

  public get textContent(): string {
    return this.data;
  }

  public html(): string {
    return escapeText(String(this.data));
  }
}

/** An element; `style` keeps its text only (the public pages set no inline style). */
export class MiniElement extends MiniNode {
  public readonly nodeType = 1;
  public readonly childNodes: MiniNode[] = [];
  public readonly attributes: { name: string; value: string }[] = [];
  public readonly style = { cssText: '', setProperty: (): void => undefined };
  public constructor(owner: MiniDocument, public readonly namespaceURI: string, public readonly localName: string) {
    super(owner);
  }

  /** Reflected as the browser does (`translate={false}` on a name is `translate="no"`). */
  public set translate(value: boolean) {
    this.setAttribute('translate', value ? 'yes' : 'no');
  }

  public get translate(): boolean {
    return this.getAttribute('translate') !== 'no';
  }

  public get firstChild(): MiniNode | null {
    return this.childNodes[0] ?? null;
  }

  public insertBefore<T extends MiniNode>(node: T, before: MiniNode | null): T {
    node.parentNode?.removeChild(node);
    const at = before ? this.childNodes.indexOf(before) : -1;
    this.childNodes.splice(at < 0 ? this.childNodes.length : at, 0, node);
    node.parentNode = this;
    return node;
  }

  public appendChild<T extends MiniNode>(node: T): T {
    return this.insertBefore(node, null);
  }

  public removeChild<T extends MiniNode>(node: T): T {
    const at = this.childNodes.indexOf(node);
    if (at >= 0) this.childNodes.splice(at, 1);
    node.parentNode = null;
    return node;
  }

  private attributeName(name: string): string {
    return this.namespaceURI === XHTML ? name.toLowerCase() : name;
  }

  public setAttribute(name: string, value: unknown): void {
    const key = this.attributeName(name);
    const found = this.attributes.find((attribute) => attribute.name === key);
    if (found) found.value = String(value);
    else this.attributes.push({ name: key, value: String(value) });
  }

  public getAttribute(name: string): string | null {
    return this.attributes.find((attribute) => attribute.name === this.attributeName(name))?.value ?? null;
  }

  public removeAttribute(name: string): void {
    const at = this.attributes.findIndex((attribute) => attribute.name === this.attributeName(name));
    if (at >= 0) this.attributes.splice(at, 1);
  }

  public addEventListener(): void {
    // Nothing happens in a prerender: the page's script attaches its own handlers.
  }

  public removeEventListener(): void {
    // As addEventListener.
  }

  public get textContent(): string {
    return this.childNodes.map((node) => node.textContent).join('');
  }

  public set textContent(text: string) {
    for (const node of [...this.childNodes]) this.removeChild(node);
    if (text) this.appendChild(new MiniText(this.ownerDocument, text));
  }

  /** The element's children as HTML. */
  public get innerHTML(): string {
    return this.childNodes.map((node) => node.html()).join('');
  }

  public html(): string {
    const style = this.style.cssText ? [{ name: 'style', value: this.style.cssText }] : [];
    // A textarea's value is its content in HTML, not an attribute.
    const textarea = this.localName === 'textarea' ? this.getAttribute('value') : null;
    const attributes = [...this.attributes.filter(({ name }) => textarea === null || name !== 'value'), ...style].map(({ name, value }) => ` ${name}="${escapeAttribute(value)}"`).join('');
    const open = `<${this.localName}${attributes}>`;
    if (this.namespaceURI === XHTML && VOID.has(this.localName)) return open;
    return `${open}${textarea === null ? this.innerHTML : escapeText(textarea)}</${this.localName}>`;
  }
}

/** The document: creates nodes; `title` and `<html lang>` are what the page's effects set. */
export class MiniDocument {
  public readonly nodeType = 9;
  public title = '';
  public readonly documentElement: MiniElement;
  public readonly body: MiniElement;

  public constructor() {
    this.documentElement = new MiniElement(this, XHTML, 'html');
    this.body = this.documentElement.appendChild(new MiniElement(this, XHTML, 'body'));
  }

  public createElementNS(namespace: string | null, name: string): MiniElement {
    return new MiniElement(this, namespace ?? XHTML, name);
  }

  public createElement(name: string): MiniElement {
    return this.createElementNS(XHTML, name);
  }

  public createTextNode(data: string): MiniText {
    return new MiniText(this, data);
  }

  public getElementById(id: string): MiniElement | null {
    const find = (element: MiniElement): MiniElement | null => {
      if (element.getAttribute('id') === id) return element;
      for (const child of element.childNodes) {
        const found = child instanceof MiniElement ? find(child) : null;
        if (found) return found;
      }
      return null;
    };
    return find(this.documentElement);
  }

  /** No selector engine: what the pages look up on mount (the heading to focus) is simply not found. */
  public querySelector(): null {
    return null;
  }

  public addEventListener(): void {
    // As MiniElement's.
  }

  public removeEventListener(): void {
    // As MiniElement's.
  }
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\u00a0/g, '&nbsp;');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/\u00a0/g, '&nbsp;');
}

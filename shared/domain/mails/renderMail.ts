import type { Mail } from '../../ports/Mailer';
import type { Language } from '../Language';
import type { Block, MailContent, Words } from './mailContent';
import type { MailSettings } from './MailSettings';

/** The words of the layout itself (header, footer) in each language. */
const LAYOUT: Readonly<Record<Language, { readonly program: string; readonly support: string; readonly orOpen: string }>> = {
  ru: { program: 'Партнёрская программа', support: 'Поддержка', orOpen: 'Если кнопка не открывается, скопируйте ссылку в браузер:' },
  en: { program: 'Partner program', support: 'Support', orOpen: 'If the button does not open, copy the link into your browser:' },
};

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text or attribute value: the only escaping of mails, applied to every string the HTML part is built from. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

/** Links a mail may carry: the console's (http/https) and mailto; anything else is a bug, never sent. */
function safeHref(href: string): string {
  if (!/^(https?:\/\/|mailto:)/i.test(href)) throw new Error('a mail link must be http(s) or mailto');
  return escapeHtml(href);
}

/** White or near-black text, whichever reads on the brand colour (WCAG relative luminance). */
function textOn(color: string): string {
  const channel = (offset: number): number => {
    const value = Number.parseInt(color.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return luminance > 0.179 ? '#111827' : '#ffffff';
}

const plain = (line: Words): string => line.map((part) => (typeof part === 'string' ? part : part.value)).join('');
const html = (line: Words): string =>
  line.map((part) => (typeof part === 'string' ? escapeHtml(part) : `<strong>${escapeHtml(part.value)}</strong>`)).join('');

function textBlock(block: Block): string {
  if ('p' in block) return plain(block.p);
  if ('small' in block) return plain(block.small);
  if ('facts' in block) return block.facts.map(([label, value]) => `${label}: ${value}`).join('\n');
  return `${block.action}:\n${block.href}`;
}

const CELL = 'padding:4px 12px 4px 0;vertical-align:top';
/** A layout table (screen readers skip it as a table). */
const TABLE = '<table role="presentation" cellpadding="0" cellspacing="0" border="0"';

function htmlBlock(block: Block, language: Language, settings: MailSettings): string {
  if ('p' in block) return `<p style="margin:0 0 16px">${html(block.p)}</p>`;
  if ('small' in block) return `<p style="margin:0 0 12px;font-size:13px;color:#4b5563">${html(block.small)}</p>`;
  if ('facts' in block) {
    const rows = block.facts.map(([label, value]) =>
      `<tr><td style="${CELL};width:38%;color:#4b5563">${escapeHtml(label)}</td><td style="${CELL}"><strong>${escapeHtml(value)}</strong></td></tr>`);
    return `${TABLE} width="100%" style="margin:0 0 16px;font-size:15px;table-layout:fixed">${rows.join('')}</table>`;
  }
  const href = safeHref(block.href);
  return `${TABLE} style="margin:8px 0 16px"><tr><td style="background:${settings.brandColor};border-radius:6px">` +
    `<a href="${href}" style="display:inline-block;padding:12px 22px;color:${textOn(settings.brandColor)};font-weight:bold;text-decoration:none">${escapeHtml(block.action)}</a></td></tr></table>` +
    `<p style="margin:0 0 16px;font-size:13px;color:#4b5563">${escapeHtml(LAYOUT[language].orOpen)}<br><a href="${href}" style="color:#1f2937;word-break:break-all">${href}</a></p>`;
}

/**
 * Renders a mail's content in the one layout, as a text part and an HTML part that common mail
 * clients show alike: tables for layout, inline styles only, no images, no scripts, no remote
 * anything. Every string the HTML is built from (our words, values, settings) is escaped here and
 * only here; the brand colour is trusted because `MailSettings` admits only `#rrggbb`.
 */
export function renderMail(to: string, language: Language, content: MailContent, settings: MailSettings): Mail {
  const layout = LAYOUT[language];
  const footer = `${settings.cloudName} · ${layout.program} · ${layout.support}: ${settings.supportEmail}`;
  const text = `${content.blocks.map(textBlock).join('\n\n')}\n\n-- \n${footer}\n`;
  const brand = settings.brandColor;
  const body =
    `<!DOCTYPE html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${escapeHtml(content.subject)}</title></head><body style="margin:0;padding:0;background:#f3f4f6">` +
    `${TABLE} width="100%" style="background:#f3f4f6"><tr><td align="center" style="padding:24px 8px">` +
    `${TABLE} width="100%" style="max-width:600px;table-layout:fixed;background:#ffffff;border:1px solid #e5e7eb;border-radius:8px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#111827">` +
    `<tr><td style="background:${brand};color:${textOn(brand)};padding:16px 24px;border-radius:8px 8px 0 0;font-size:18px;font-weight:bold">` +
    `${escapeHtml(settings.cloudName)}<br><span style="font-size:13px;font-weight:normal">${escapeHtml(layout.program)}</span></td></tr>` +
    `<tr><td style="padding:24px;overflow-wrap:anywhere;word-break:break-word">${content.blocks.map((block) => htmlBlock(block, language, settings)).join('')}</td></tr>` +
    `<tr><td style="padding:16px 24px;border-top:1px solid #e5e7eb;font-size:12px;color:#4b5563">${escapeHtml(settings.cloudName)} · ${escapeHtml(layout.program)}<br>` +
    `${escapeHtml(layout.support)}: <a href="${safeHref(`mailto:${settings.supportEmail}`)}" style="color:#1f2937">${escapeHtml(settings.supportEmail)}</a></td></tr>` +
    '</table></td></tr></table></body></html>';
  return { to, subject: content.subject, text, html: body };
}

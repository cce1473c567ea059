/**
 * Pure decisions for the vision editor: which link targets are allowed, whether a paste fits, whether
 * the clipboard held images. No DOM, no editor, so every rule is unit-tested on its own.
 */

import { maxVisionTextLength } from '../domain/vision';

export { maxVisionTextLength };

/**
 * Link schemes we render. Everything else (javascript:, data:, vbscript:, file:, relative paths) is
 * refused: a link in the vision text is clicked by other people, so it must not run code or point
 * into the app.
 */
export const allowedLinkSchemes = ['http:', 'https:', 'mailto:'] as const;

/**
 * True if `href` is an absolute http(s) or mailto URL. Parsed with the WHATWG URL parser, the same
 * one the browser uses when the link is clicked, so tricks like `java\tscript:` or upper case are
 * judged exactly as the browser would judge them.
 */
export function isAllowedLinkHref(href: string): boolean {
	if (href.length > 2048) return false;
	let url: URL;
	try {
		url = new URL(href);
	} catch {
		return false;
	}
	if (!(allowedLinkSchemes as readonly string[]).includes(url.protocol)) return false;
	if (url.protocol === 'mailto:') return url.pathname.length > 0;
	return url.hostname.length > 0;
}

/**
 * Turns what someone typed into the link form into a link target, or null if it is not allowed.
 * `example.org` becomes `https://example.org`, `name@example.org` becomes `mailto:name@example.org`.
 * The result is the URL parser's canonical form, so what we store is what the browser will open.
 */
export function normaliseLinkInput(input: string): string | null {
	const text = input.trim();
	if (text === '' || /\s/.test(text)) return null;
	let candidate: string;
	if (/^[a-z][a-z0-9+.-]*:/i.test(text)) candidate = text;
	else if (/^[^@/]+@[^@/]+\.[^@/]+$/.test(text)) candidate = `mailto:${text}`;
	else candidate = `https://${text.replace(/^\/\//, '')}`;
	if (!isAllowedLinkHref(candidate)) return null;
	return new URL(candidate).href;
}

export type PasteCheck = { ok: true } | { ok: false; reason: 'tooLong' };

/**
 * A paste is refused as a whole if the text would grow beyond the limit; cutting it off silently
 * would lose text without anyone noticing. Text that the paste replaces (the selection) is subtracted.
 * A paste that makes an over-long text shorter is always allowed, so nobody gets stuck.
 */
export function checkPasteLength(
	sizes: { current: number; replaced: number; pasted: number },
	max: number = maxVisionTextLength
): PasteCheck {
	const after = sizes.current - sizes.replaced + sizes.pasted;
	if (after <= max || after <= sizes.current) return { ok: true };
	return { ok: false, reason: 'tooLong' };
}

/**
 * True if the clipboard (or a drop) carried images. The editor's schema has no image node, so
 * ProseMirror drops them anyway; this only decides whether to tell the person why.
 */
export function clipboardHasImage(clipboard: { types: string[]; html: string }): boolean {
	return (
		clipboard.types.some((type) => type.startsWith('image/')) || /<img[\s/>]/i.test(clipboard.html)
	);
}

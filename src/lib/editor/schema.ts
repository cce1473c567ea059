import { getSchema, type AnyExtension } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import { StarterKit } from '@tiptap/starter-kit';
import { isAllowedLinkHref } from './paste';

/** Link attributes every link gets; the text itself decides only the target (href). */
export const linkAttributes = { rel: 'noopener noreferrer nofollow', target: '_blank' } as const;

/**
 * The content model of the vision text: paragraphs, headings (levels 2 and 3), bullet and numbered
 * lists, line breaks, bold, italic and links. Nothing else, on purpose:
 *
 * - Every client and every test must build the same schema. y-prosemirror deletes Yjs nodes that the
 *   local schema cannot build, so a client with a narrower schema would erase other people's content.
 *   Change this list only together with a migration of stored documents.
 * - The schema is also the paste cleaner. ProseMirror parses pasted HTML into a detached document
 *   (no scripts run, no images load there) and keeps only what a node or mark rule matches: <script>,
 *   <iframe>, <img>, <style>, forms and every on*-attribute have no rule, so they never reach the
 *   document. Attributes survive only where an extension declares them (heading level, link href).
 *
 * Undo/redo comes from the Collaboration extension (Yjs undo manager, own edits only), so StarterKit's
 * history is off; keeping both would undo other people's edits.
 */
export function visionContentExtensions(): AnyExtension[] {
	return [
		StarterKit.configure({
			undoRedo: false,
			heading: { levels: [2, 3] },
			blockquote: false,
			code: false,
			codeBlock: false,
			horizontalRule: false,
			strike: false,
			underline: false,
			link: {
				openOnClick: false,
				autolink: true,
				linkOnPaste: true,
				defaultProtocol: 'https',
				HTMLAttributes: { ...linkAttributes, class: null },
				// Checked when HTML is pasted, when a link is set, when text is auto-linked and when a
				// link is rendered (also links that arrive from other people): anything else renders
				// with an empty href.
				isAllowedUri: (url) => isAllowedLinkHref(url),
				shouldAutoLink: (url) => isAllowedLinkHref(url)
			}
		})
	];
}

/** The ProseMirror schema the editor uses; for tests and server-side reading. */
export function visionSchema(): Schema {
	return getSchema(visionContentExtensions());
}

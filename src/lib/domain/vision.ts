/**
 * Longest vision text in characters (text only, line breaks between blocks not counted). A vision
 * statement is a page or two; the cap keeps the shared document and every export small. The
 * editor refuses pastes past it, and the sync server refuses edits past it.
 */
export const maxVisionTextLength = 20_000;

/** The shared rich text of a text phase lives in the content document under this root name. */
export function visionField(phaseId: string): string {
	return `text:${phaseId}`;
}

export const isVisionField = (root: string | null): boolean => !!root?.startsWith('text:');

import type { Attachment } from 'svelte/attachments';
import * as Y from 'yjs';
import { cardsOf } from '$lib/collab/wall';
import { t } from '$lib/i18n/t.svelte';

/** Cards that arrive together (a reconnect, a batch of paper cards) are said as one sentence. */
const gatherMs = 600;
/** Cleared afterwards, so that the next card with the same words is said again. */
const clearMs = 6_000;
/** A card read aloud in full would hold up the reader; the list view has the whole text. */
const spokenLength = 80;

/**
 * Tells screen-reader users what others add to the wall, on an element that is a polite live
 * region (`aria-live="polite"`): "Neue Karte: …" for one card, "3 neue Karten" for several. Own
 * edits are not said (the person knows them: local transactions are skipped), nor cards of other
 * phases' walls. Cards carry no author, so no name is said, also not in anonymous workshops.
 */
export function announceRemoteCards(content: Y.Doc, board: string): Attachment<HTMLElement> {
	return (element) => {
		const cards = cardsOf(content);
		let fresh: string[] = [];
		let gather: ReturnType<typeof setTimeout> | undefined;
		let clear: ReturnType<typeof setTimeout> | undefined;

		function say() {
			const text =
				fresh.length === 1
					? t('announce.newCard', { text: shorten(fresh[0]) })
					: t('announce.newCards', { n: fresh.length });
			fresh = [];
			element.textContent = text;
			clearTimeout(clear);
			clear = setTimeout(() => (element.textContent = ''), clearMs);
		}

		function observe(event: Y.YMapEvent<Y.Map<unknown>>) {
			if (event.transaction.local) return;
			for (const [id, change] of event.changes.keys) {
				if (change.action !== 'add') continue;
				const fields = cards.get(id);
				if (!(fields instanceof Y.Map)) continue;
				const cardBoard = fields.get('board');
				if (cardBoard !== board && cardBoard !== '' && cardBoard !== undefined) continue;
				const text = fields.get('text');
				fresh.push(typeof text === 'string' ? text : '');
			}
			if (fresh.length === 0) return;
			clearTimeout(gather);
			gather = setTimeout(say, gatherMs);
		}

		cards.observe(observe);
		return () => {
			cards.unobserve(observe);
			clearTimeout(gather);
			clearTimeout(clear);
		};
	};
}

function shorten(text: string): string {
	const plain = text.replace(/\s+/g, ' ').trim();
	return plain.length > spokenLength ? `${plain.slice(0, spokenLength - 1)}…` : plain;
}

import {
	hashCardKey,
	isKeyHash,
	newCardKey,
	rememberCardKey,
	storedCardKeys
} from '$lib/collab/card-keys';
import type { Card } from '$lib/collab/wall';
import type { CardColour } from '$lib/domain/cards';
import { t } from '$lib/i18n/t.svelte';

/**
 * This device's keys to the anonymous cards its person wrote in one workshop, and the requests
 * that change those cards through the server (see $lib/collab/card-keys).
 */
export class OwnCards {
	readonly #workshopId: string;
	/** Key hash → key. */
	readonly #keys = new Map<string, string>();

	constructor(workshopId: string) {
		this.#workshopId = workshopId;
		for (const key of storedCardKeys(workshopId)) this.#keys.set(hashCardKey(key), key);
	}

	/** A key for a new draft; the draft carries the returned hash. */
	newKeyHash(): string {
		const key = newCardKey();
		const hash = hashCardKey(key);
		this.#keys.set(hash, key);
		rememberCardKey(this.#workshopId, key);
		return hash;
	}

	owns(card: Pick<Card, 'keyHash'> | undefined): boolean {
		return card?.keyHash !== undefined && this.#keys.has(card.keyHash);
	}

	/** Changes an own card as the server; resolves to null, or what went wrong, to show. */
	async change(
		card: Pick<Card, 'id' | 'keyHash'>,
		change: { kind: 'edit'; text: string; colour: CardColour } | { kind: 'bin' | 'restore' }
	): Promise<string | null> {
		const key = isKeyHash(card.keyHash) ? this.#keys.get(card.keyHash) : undefined;
		if (!key) return t('ownCard.notYours');
		try {
			const response = await fetch(`/w/${this.#workshopId}/api/own-card`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ cardId: card.id, key, ...change })
			});
			if (response.ok) return null;
			const reply = (await response.json().catch(() => null)) as { message?: string } | null;
			return reply?.message ?? response.statusText;
		} catch {
			return t('ownCard.network');
		}
	}
}

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { cardColours } from '../cards';
import {
	anonymizeCard,
	findAuthorLeaks,
	type AnonymousCard,
	type AnonymousCardInput,
	type KnownIdentities
} from './anonymity';

const input: AnonymousCardInput = {
	text: '  Der Bus kommt zu selten ',
	colour: 'yellow',
	authorId: 'p-7f3a9c',
	clientId: 2_718_281_828,
	createdAt: Date.UTC(2026, 2, 14, 18, 42, 37, 512)
};

const known: KnownIdentities = {
	participantIds: ['p-7f3a9c', 'p-0b1e44'],
	names: ['Aylin Yilmaz', 'Jonas'],
	clientIds: [2_718_281_828, 31_415]
};

function published(card: AnonymousCardInput = input): AnonymousCard {
	const result = anonymizeCard(card);
	if (!result.ok) throw new Error(result.error);
	return result.value;
}

describe('anonymizeCard', () => {
	test('keeps text and colour, drops author and client, and rounds the time to the minute', () => {
		expect(published()).toEqual({
			text: 'Der Bus kommt zu selten',
			colour: 'yellow',
			createdAt: Date.UTC(2026, 2, 14, 18, 42)
		});
	});

	test('lets nothing else through, whatever else the input carries', () => {
		const extra = { ...input, authorName: 'Jonas', x: 12, id: 'chosen-by-author' };
		expect(Object.keys(published(extra)).sort()).toEqual(['colour', 'createdAt', 'text']);
	});

	test('refuses cards that could not be published anyway', () => {
		const error = (changes: Partial<AnonymousCardInput>) => {
			const result = anonymizeCard({ ...input, ...changes });
			return result.ok ? 'ok' : result.error;
		};
		expect(error({ text: '  ' })).toBe('wall.cardEmpty');
		expect(error({ text: 'x'.repeat(10_000) })).toBe('wall.cardTooLong');
		// A free colour such as a personal hex value would be a signature.
		expect(error({ colour: '#ff0001' })).toBe('anonymity.colourInvalid');
		expect(error({ createdAt: Number.NaN })).toBe('anonymity.timeInvalid');
		expect(error({ createdAt: -1 })).toBe('anonymity.timeInvalid');
	});

	test('cards written in the same minute carry the same time', () => {
		const minute = Date.UTC(2026, 2, 14, 18, 42);
		const times = [0, 1, 30_000, 59_999].map(
			(offset) => published({ ...input, createdAt: minute + offset }).createdAt
		);
		expect(new Set(times)).toEqual(new Set([minute]));
	});
});

describe('findAuthorLeaks', () => {
	test('finds nothing in a card as anonymizeCard publishes it', () => {
		expect(findAuthorLeaks({ ...published(), id: 'a81c2f', x: 40, y: 120 }, known)).toEqual([]);
	});

	test('a name quoted in the card text is not a leak: only metadata fields count', () => {
		const card = { ...published(), text: 'Jonas und Aylin Yilmaz finden: mehr Bänke! p-7f3a9c' };
		expect(findAuthorLeaks(card, known)).toEqual([]);
	});

	test('names the field and the kind of each leak, however deeply nested', () => {
		const card = {
			...published(),
			author: 'p-7f3a9c',
			by: 'aylin yilmaz',
			meta: { origin: { client: 31_415 }, tags: ['x', 'from JONAS'] },
			votes: { 'p-0b1e44': 1 },
			'2718281828': true
		};
		expect(findAuthorLeaks(card, known)).toEqual(
			expect.arrayContaining([
				{ field: 'author', kind: 'participantId' },
				{ field: 'by', kind: 'name' },
				{ field: 'meta.origin.client', kind: 'clientId' },
				{ field: 'meta.tags[1]', kind: 'name' },
				{ field: 'votes.p-0b1e44', kind: 'participantId' },
				{ field: '2718281828', kind: 'clientId' }
			])
		);
		expect(findAuthorLeaks(card, known)).toHaveLength(6);
	});

	test('a leak report never repeats the leaked value', () => {
		const leaks = findAuthorLeaks({ ...published(), author: 'p-7f3a9c' }, known);
		expect(JSON.stringify(leaks)).not.toContain('p-7f3a9c');
	});

	test('does not raise false alarms on numbers, colours, parts of words or initials', () => {
		const card = {
			...published(),
			colour: 'orange',
			createdAt: 1_731_415_000_000,
			label: 'Jonasstraße',
			x: 31_415.5
		};
		const people: KnownIdentities = {
			participantIds: [],
			names: ['Orange', 'Jonas', 'A', '1731415000000'],
			clientIds: [31_415, 415]
		};
		expect(findAuthorLeaks(card, people)).toEqual([]);
	});

	test('survives odd shapes: null, deep nesting and cycles', () => {
		const cyclic: Record<string, unknown> = { note: null };
		cyclic.self = cyclic;
		const deep = JSON.parse('{"a":'.repeat(50) + '"Jonas"' + '}'.repeat(50));
		expect(() => findAuthorLeaks({ cyclic, deep, flag: false }, known)).not.toThrow();
	});
});

describe('for any author', () => {
	const identity = fc.record({
		authorId: fc.uuid(),
		clientId: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
		name: fc.string({ minLength: 1, maxLength: 30 })
	});
	const card = fc.record({
		text: fc.string({ minLength: 1, maxLength: 500 }).filter((text) => text.trim().length > 0),
		colour: fc.constantFrom(...cardColours),
		createdAt: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2100, 0, 1) })
	});

	test('the published card carries no author id, client id or name in its metadata', () => {
		fc.assert(
			fc.property(identity, card, (who, fields) => {
				const result = anonymizeCard({ ...fields, authorId: who.authorId, clientId: who.clientId });
				if (!result.ok) return;
				const value = result.value;
				expect(Object.keys(value).sort()).toEqual(['colour', 'createdAt', 'text']);
				expect(value.createdAt % 60_000).toBe(0);
				expect(fields.createdAt - value.createdAt).toBeLessThan(60_000);
				const leaks = findAuthorLeaks(value, {
					participantIds: [who.authorId],
					names: [who.name],
					clientIds: [who.clientId]
				});
				expect(leaks).toEqual([]);
			}),
			{ numRuns: 300 }
		);
	});

	test('an author id planted anywhere in the metadata is found', () => {
		fc.assert(
			fc.property(
				fc.uuid(),
				fc.array(
					fc.string({ minLength: 1, maxLength: 8 }).filter((key) => key !== 'text'),
					{
						minLength: 1,
						maxLength: 5
					}
				),
				fc.string({ maxLength: 5 }),
				(authorId, path, prefix) => {
					const planted = path.reduceRight<unknown>(
						(inner, key) => ({ [key]: inner }),
						`${prefix}${authorId}`
					) as Record<string, unknown>;
					const leaks = findAuthorLeaks(
						{ ...published(), ...planted },
						{ participantIds: [authorId], names: [], clientIds: [] }
					);
					expect(leaks.map((leak) => leak.kind)).toContain('participantId');
				}
			)
		);
	});
});

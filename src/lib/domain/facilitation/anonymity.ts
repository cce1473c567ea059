/**
 * Anonymous mode, as pure checks the server applies before it publishes a card (DESIGN.md §5):
 * anonymous cards reach the shared document through the server, under the server's own client id,
 * carrying only what `anonymizeCard` lets through. `findAuthorLeaks` is the tripwire behind it, for
 * the server before it writes and for tests that inspect the stored document.
 */
import { cardColours, checkCardText, isCardColour, type CardColour } from '../cards';
import { fail, ok, type Result } from './result';

export interface AnonymousCardInput {
	text: string;
	colour: string;
	/** The participant who wrote the card; used for nothing but to prove it does not come out. */
	authorId: string;
	/** The Yjs client id of the author's connection. */
	clientId: number | string;
	createdAt: number;
}

/** Everything an anonymous card may carry. The server adds a fresh random id and a position. */
export interface AnonymousCard {
	text: string;
	colour: CardColour;
	createdAt: number;
}

export type AnonymityError =
	'wall.cardEmpty' | 'wall.cardTooLong' | 'anonymity.colourInvalid' | 'anonymity.timeInvalid';

const minuteMs = 60_000;

/**
 * Builds the published card field by field, never by copying the input, so a field added to the
 * input later cannot slip through. The card id is not taken from the author either: an id the
 * author's client chose could encode who they are.
 *
 * `createdAt` is rounded down to the minute. An exact time could be matched against presence
 * (who was typing, who joined, whose awareness changed at that moment) and name the author; a
 * minute hides the card among everyone who wrote in it. With only one writer in that minute the
 * rounding alone does not protect, which is why the server publishes anonymous cards together,
 * at the reveal, and in shuffled order.
 */
export function anonymizeCard(input: AnonymousCardInput): Result<AnonymousCard, AnonymityError> {
	const text = checkCardText(input.text);
	if (!text.ok) return fail(text.error);
	if (!isCardColour(input.colour)) return fail('anonymity.colourInvalid');
	if (!Number.isFinite(input.createdAt) || input.createdAt < 0)
		return fail('anonymity.timeInvalid');
	return ok({
		text: text.text,
		colour: input.colour,
		createdAt: Math.floor(input.createdAt / minuteMs) * minuteMs
	});
}

export interface KnownIdentities {
	participantIds: readonly string[];
	names: readonly string[];
	clientIds: readonly (number | string)[];
}

export type LeakKind = 'participantId' | 'name' | 'clientId';

/** Which field leaks what. The matching value is left out so that reporting a leak never logs it. */
export interface AuthorLeak {
	field: string;
	kind: LeakKind;
}

/**
 * Names shorter than this are not searched for: an initial such as "A" would be found in nearly
 * every field and bury real leaks under false alarms.
 */
export const minNameLength = 2;
/** Published cards are flat; deeper nesting is not worth following, and a cycle must not hang. */
const maxDepth = 8;

/**
 * Returns every metadata field of a published card that contains a participant id, a display
 * name or a client id, in its key or its value, however deeply nested.
 *
 * The card's `text` is deliberately not searched. What people write is theirs: a critique may quote
 * a neighbour ("Frau Yilmaz sagt, der Bus kommt zu selten") or be signed on purpose, and a check
 * that flags such cards would refuse legitimate content while the real risk, metadata added by our
 * own code, sits in the other fields. Anonymity promises that nothing *attached* to a card names
 * its author, not that the author cannot name themselves.
 *
 * Names are matched as whole words, ignoring case, and only in text values: a display name that
 * happens to be a number must not match a coordinate. Card colours are a closed list, so a name
 * that spells one ("Orange") is not a leak in the colour field.
 */
export function findAuthorLeaks(publishedCard: object, known: KnownIdentities): AuthorLeak[] {
	const matchers = buildMatchers(known);
	const leaks = new Map<string, AuthorLeak>();
	const report = (field: string, kind: LeakKind) => leaks.set(`${kind} ${field}`, { field, kind });

	const visit = (field: string, value: unknown, depth: number) => {
		if (typeof value === 'string') {
			for (const kind of matchingKinds(matchers, value)) report(field, kind);
		} else if (typeof value === 'number' || typeof value === 'bigint') {
			for (const kind of matchingNumber(matchers, String(value))) report(field, kind);
		} else if (value !== null && typeof value === 'object' && depth < maxDepth) {
			for (const [key, inner] of Object.entries(value)) {
				const path = Array.isArray(value) ? `${field}[${key}]` : `${field}.${key}`;
				for (const kind of matchingKinds(matchers, key)) report(path, kind);
				visit(path, inner, depth + 1);
			}
		}
	};

	for (const [field, value] of Object.entries(publishedCard)) {
		if (field === 'text') continue;
		for (const kind of matchingKinds(matchers, field)) report(field, kind);
		visit(field, value, 0);
	}
	return [...leaks.values()];
}

interface Matchers {
	participantIds: string[];
	clientIds: string[];
	clientIdPatterns: RegExp[];
	names: RegExp[];
}

function buildMatchers(known: KnownIdentities): Matchers {
	const clientIds = known.clientIds.map(String).filter((id) => id.length > 0);
	return {
		participantIds: known.participantIds.filter((id) => id.length > 0),
		clientIds,
		// Client ids are numbers: "123" must not be found inside "1750000123000".
		clientIdPatterns: clientIds.map((id) => wholeWord(id, 'u')),
		names: known.names
			.map((name) => name.trim())
			.filter((name) => name.length >= minNameLength)
			.map((name) => wholeWord(name, 'iu'))
	};
}

/** Text (values and keys): ids anywhere, client ids and names as whole words. */
function matchingKinds(matchers: Matchers, value: string): LeakKind[] {
	const kinds: LeakKind[] = [];
	if (matchers.participantIds.some((id) => value.includes(id))) kinds.push('participantId');
	if (matchers.clientIdPatterns.some((pattern) => pattern.test(value))) kinds.push('clientId');
	if (!isColourWord(value) && matchers.names.some((pattern) => pattern.test(value)))
		kinds.push('name');
	return kinds;
}

/** A number leaks only by being an id: 31415.5 is a coordinate, not client 31415. */
function matchingNumber(matchers: Matchers, value: string): LeakKind[] {
	const kinds: LeakKind[] = [];
	if (matchers.participantIds.includes(value)) kinds.push('participantId');
	if (matchers.clientIds.includes(value)) kinds.push('clientId');
	return kinds;
}

function isColourWord(value: string): boolean {
	return (cardColours as readonly string[]).includes(value.toLowerCase());
}

/** Matches `text` only where no letter or digit touches it on either side. */
function wholeWord(text: string, flags: string): RegExp {
	const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, flags);
}

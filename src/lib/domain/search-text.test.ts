import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
	foldText,
	maxQueryWords,
	queryTerms,
	searchText,
	snippetParts,
	stemWord
} from './search-text';

/** Whether `query` finds `text` by the stores' rule: every term is a part of the text's stems. */
const finds = (text: string, query: string) => {
	const indexed = searchText(text);
	return queryTerms(query).every((term) => indexed.includes(term.stem));
};

describe('German search text', () => {
	test('folds case, umlauts, ß and accents', () => {
		expect(foldText('Straße ÄÖÜ Café ﬁx')).toBe('strasse aou cafe fix');
	});

	test('inflected forms share a stem', () => {
		const same = [
			['Spielplatz', 'Spielplätze', 'Spielplätzen', 'Spielplatzes'],
			['Jugendliche', 'Jugendlicher', 'Jugendlichen'],
			['Kind', 'Kinder', 'Kindern', 'Kindes'],
			['Konferenz', 'Konferenzen'],
			['Ergebnis', 'Ergebnisse', 'Ergebnissen']
		];
		for (const forms of same) {
			const stems = forms.map((form) => stemWord(foldText(form)));
			expect(new Set(stems), forms.join(', ')).toHaveLength(1);
		}
	});

	test('short words and words ending in a vowel-s keep their end', () => {
		expect(stemWord('bus')).toBe('bus');
		expect(stemWord('haus')).toBe('haus');
	});

	test('finds by stem and by part of a compound word', () => {
		expect(finds('Spielplatz am Park', 'Spielplätze')).toBe(true);
		expect(finds('Mehr Angebote für Jugendliche', 'Jugendlicher')).toBe(true);
		expect(finds('Spielplatzsanierung am Park', 'platz')).toBe(true);
		expect(finds('Spielplatzsanierung am Park', 'spiel')).toBe(true);
		expect(finds('Die Sozialraumkonferenz tagt', 'Konferenzen')).toBe(true);
		expect(finds('Straßenfest', 'strasse')).toBe(true);
		expect(finds('Spielplatzsanierung', 'Schwimmbad')).toBe(false);
	});

	test('a query keeps only letters and digits, distinct stems, at most eight', () => {
		expect(queryTerms('"Spiel*" NEAR -platz OR; DROP TABLE x --').map((t) => t.stem)).toEqual([
			'spiel',
			'near',
			'platz',
			'or',
			'drop',
			'tabl',
			'x'
		]);
		expect(queryTerms('a b c d e f g h i j k')).toHaveLength(maxQueryWords);
		expect(queryTerms('Kinder Kind Kindern')).toHaveLength(1);
		expect(queryTerms('*** -- ""')).toEqual([]);
	});

	test('any input gives bounded terms of letters and digits only', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 5000 }), (input) => {
				const terms = queryTerms(input);
				expect(terms.length).toBeLessThanOrEqual(maxQueryWords);
				for (const term of terms) {
					expect(term.stem).toMatch(/^[\p{L}\p{N}]{1,40}$/u);
					expect(term.word).toMatch(/^[\p{L}\p{N}]{1,40}$/u);
				}
			}),
			{ numRuns: 500 }
		);
	});

	test('a snippet marks the matching words and keeps the text as it was', () => {
		const terms = queryTerms('Spielplätze').map((t) => t.stem);
		const parts = snippetParts('Wir wollen die Spielplatzsanierung im Park.', terms);
		expect(parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['Spielplatzsanierung']);
		expect(parts.map((p) => p.text).join('')).toBe('Wir wollen die Spielplatzsanierung im Park.');
	});

	test('a long text is cut around the first hit', () => {
		const text = `${'Vorher viel Text. '.repeat(30)}Hier steht Jugendliche mitten drin. ${'Nachher noch mehr. '.repeat(30)}`;
		const parts = snippetParts(
			text,
			queryTerms('Jugendlicher').map((t) => t.stem)
		);
		const joined = parts.map((p) => p.text).join('');
		expect(joined.startsWith('… ')).toBe(true);
		expect(joined.endsWith(' …')).toBe(true);
		expect(joined.length).toBeLessThan(220);
		expect(parts.find((p) => p.hit)?.text).toBe('Jugendliche');
	});

	test('snippets of any text are the text, in order, bounded', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 2000 }), fc.string({ maxLength: 50 }), (text, query) => {
				const parts = snippetParts(
					text,
					queryTerms(query).map((t) => t.stem)
				);
				const joined = parts.map((p) => p.text).join('');
				expect(joined.length).toBeLessThanOrEqual(400);
				const core = joined.replace(/^… /, '').replace(/ …$/, '');
				expect(text.replace(/\s+/g, ' ')).toContain(core);
			}),
			{ numRuns: 300 }
		);
	});
});

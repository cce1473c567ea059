import { archiveFormat, archiveVersion, type ArchiveExport } from '../archive-entry';

/**
 * An export as a hostile or careless workshop leaves it: markup, formulas, right-to-left text,
 * emoji, control characters, bidi overrides, 500-character cards, an empty wall, an empty group,
 * no measures, no date. For the documents' tests.
 */
export function hostileExport(): ArchiveExport {
	const long = 'Sehr lange Karte über die Straße '.repeat(20).slice(0, 500);
	const cards = [
		'<script>alert(1)</script>',
		'=HYPERLINK("http://evil.example","klick")',
		'+49 170 1234567',
		'-1+1',
		'@SUM(A1:A2)',
		'\tTabulator vorne',
		'مرحبا بالجميع في الحي',
		'שלום לכולם',
		'Mehr Grün 🌳🚲 bitte',
		'Steuerzeichen\u0000\u0007 weg\u202E und umgedreht',
		long,
		'Semikolon; "Anführung" und\nZeilenumbruch'
	].map((text, i) => ({ id: `h${i}`, text, dots: i % 2 ? i : null }));
	return {
		format: archiveFormat,
		version: archiveVersion,
		workshop: {
			id: 'ws-hostile',
			title: '<b>Werkstatt</b> & "Zitate" \u202Egedreht',
			format: 'unbekannt',
			startsOn: null,
			description: '',
			closedAt: '2026-05-01T08:00:00.000Z',
			closedBy: 'X',
			anonymous: false
		},
		districts: [],
		goals: [],
		participation: { participants: 0, observers: 0 },
		phases: [
			{
				id: 'p1',
				title: 'Kritik <i>phase</i>',
				prompt: '',
				kinds: ['wall'],
				wall: {
					groups: [
						{ id: 'g1', name: '', dots: 2, cards: cards.slice(0, 6) },
						{ id: 'g2', name: 'Leere Gruppe', dots: null, cards: [] }
					],
					loose: cards.slice(6),
					votes: [{ label: '<script>', dots: 2, rank: 1 }]
				},
				text: null
			},
			{
				id: 'p2',
				title: 'Leere Wand',
				prompt: 'Nichts?',
				kinds: ['wall', 'text'],
				wall: { groups: [], loose: [], votes: [] },
				text: []
			}
		],
		measures: []
	};
}

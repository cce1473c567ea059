import { cardColours, cardHeight, cardWidth } from '../../../domain/cards';
import { arrangeColumns, layoutWall } from '../../../domain/wall-layout';
import { archiveFormat, archiveVersion, type ArchiveExport } from '../archive-entry';
import type { WallCanvas } from '../wall-canvas';

/**
 * A made-up archive export of a given size, for the documents' tests and `npm run bench:archive`:
 * cards spread over groups and walls, some loose, revealed votes on the first wall, a vision text
 * and measures that point back to cards. German words with umlauts and ß on purpose.
 */
export interface SyntheticSize {
	cards: number;
	groups: number;
	walls: number;
	measures: number;
	/** Length of each card's text (the longest a card may be is 500). */
	cardLength?: number;
	/** Without card positions, as archives made before they were kept (default: with). */
	withoutCanvas?: boolean;
}

/** The walls laid out as "Ordnen" does: a column per group, loose cards last. */
function syntheticCanvas(
	groups: { id: string; cards: { id: string }[] }[],
	loose: { id: string }[]
): WallCanvas {
	const cards = [
		...groups.flatMap((g) => g.cards.map((c) => ({ id: c.id, cluster: g.id, x: 0, y: 0 }))),
		...loose.map((c) => ({ id: c.id, cluster: '', x: 0, y: 0 }))
	];
	const clusters = groups.map((g) => ({ id: g.id, x: 0, y: 0 }));
	const places = arrangeColumns(cards, clusters);
	const layout = layoutWall(
		cards.map((c) => ({ ...c, ...places.cards.get(c.id) })),
		clusters.map((g) => ({ ...g, ...places.clusters.get(g.id) }))
	);
	return {
		cards: layout.cards.map((c, i) => ({
			id: c.id,
			x: c.x,
			y: c.y,
			width: cardWidth,
			height: cardHeight,
			colour: cardColours[i % cardColours.length]
		})),
		frames: layout.frames.map(({ id, x, y, width, height }) => ({ id, x, y, width, height }))
	};
}

const words = [
	'Straße',
	'Grünfläche',
	'Spielplatz',
	'Bushaltestelle',
	'Nachbarschaft',
	'Begegnungsort',
	'Schulweg',
	'Beleuchtung',
	'Sitzbänke',
	'Jugendtreff',
	'Fußweg',
	'Lärm',
	'Müll',
	'Radweg',
	'Bücherschrank'
];

function sentence(seed: number, length: number): string {
	let text = '';
	let i = seed;
	while (text.length < length) {
		text += (text ? ' ' : '') + words[i % words.length];
		i = (i * 7 + 3) % 997;
	}
	return text.slice(0, length).trim();
}

export function syntheticExport(size: SyntheticSize): ArchiveExport {
	const cardLength = size.cardLength ?? 80;
	const phases: ArchiveExport['phases'] = [];
	let cardNumber = 0;
	const perWall = Math.ceil(size.cards / size.walls);
	const groupsPerWall = Math.max(1, Math.ceil(size.groups / size.walls));
	const cardIds: string[] = [];
	for (let w = 0; w < size.walls; w++) {
		const onWall = Math.min(perWall, size.cards - cardNumber);
		const groups = Array.from({ length: groupsPerWall }, (_, g) => ({
			id: `g${w}-${g}`,
			name: `Gruppe ${g + 1}: ${words[(g + w) % words.length]}`,
			dots: w === 0 ? (groupsPerWall - g) * 3 : null,
			cards: [] as { id: string; text: string; dots: number | null }[]
		}));
		const loose: { id: string; text: string; dots: number | null }[] = [];
		for (let c = 0; c < onWall; c++) {
			const id = `c${cardNumber}`;
			cardIds.push(id);
			const card = {
				id,
				text: `Karte ${cardNumber + 1}: ${sentence(cardNumber, cardLength)}`,
				dots: w === 0 ? cardNumber % 5 : null
			};
			cardNumber++;
			if (c % 10 === 9) loose.push(card);
			else groups[c % groups.length].cards.push(card);
		}
		phases.push({
			id: `wall${w}`,
			title: ['Kritikphase', 'Phantasiephase', 'Bedarfe'][w] ?? `Wand ${w + 1}`,
			prompt: w === 0 ? 'Was stört, was fehlt im Quartier?' : 'Wie sähe die Straße ideal aus?',
			kinds: w === 1 ? ['wall', 'text'] : ['wall'],
			...(size.withoutCanvas ? {} : { canvas: syntheticCanvas(groups, loose) }),
			wall: {
				groups,
				loose,
				votes:
					w === 0 ? groups.map((g, i) => ({ label: g.name, dots: g.dots ?? 0, rank: i + 1 })) : []
			},
			text:
				w === 1
					? [
							{ kind: 'heading', text: 'Unsere Vision für 2030' },
							{
								kind: 'paragraph',
								text: 'Die Straße ist ein Ort der Begegnung. Jede Grünfläche wird gepflegt, und die Maßnahme „Nachtbus“ verbindet das Quartier mit der Stadt.'
							},
							{ kind: 'item', text: 'Mehr Bäume und Schatten' },
							{ kind: 'item', text: 'Sichere Schulwege' }
						]
					: null
		});
	}
	phases.push({
		id: 'umsetzung',
		title: 'Verwirklichungsphase',
		prompt: 'Was tun wir, wer macht mit?',
		kinds: ['measures'],
		wall: null,
		text: null
	});
	const measures = Array.from({ length: size.measures }, (_, m) => ({
		id: `m${m}`,
		title: `Maßnahme ${m + 1}: ${sentence(m * 13, 40)}`,
		description: `Beschreibung der Maßnahme ${m + 1}. ${sentence(m * 5, 160)}`,
		responsible: 'Amt für Straßen und Grünflächen',
		partners: 'Quartiersmanagement, Bürgerverein',
		status: ['idea', 'planned', 'in_progress', 'done', 'dropped'][m % 5],
		startOn: '2026-04-01',
		dueOn: m % 3 ? '2027-03-31' : null,
		targetGroups: 'Familien, Ältere',
		goals: [{ id: 'goal1', title: 'Mehr Aufenthaltsqualität im öffentlichen Raum' }],
		districts: m % 2 ? [{ level: 'ortsteil', code: '01', name: 'Südstadt' }] : [],
		originCards: cardIds.length
			? [0, 1, 2].map((k) => {
					const id = cardIds[(m * 17 + k * 5) % cardIds.length];
					return { id, text: `Karte ${Number(id.slice(1)) + 1}` };
				})
			: []
	}));
	return {
		format: archiveFormat,
		version: archiveVersion,
		workshop: {
			id: 'ws-synthetic',
			title: 'Zukunftswerkstatt Südstadt: Straße und Grünfläche',
			format: 'zukunftswerkstatt',
			startsOn: '2026-03-12',
			description:
				'Anwohnerinnen und Anwohner der Südstadt sammeln, was sie an ihrer Straße stört, und planen Maßnahmen.',
			closedAt: '2026-03-14T17:30:00.000Z',
			closedBy: 'Fiona Moderation',
			anonymous: true
		},
		districts: [{ level: 'ortsteil', code: '01', name: 'Südstadt' }],
		goals: [{ id: 'goal1', title: 'Mehr Aufenthaltsqualität im öffentlichen Raum' }],
		participation: { participants: 42, observers: 3 },
		phases,
		measures
	};
}

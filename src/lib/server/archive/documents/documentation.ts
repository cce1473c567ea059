import { translate, type Locale, type MessageKey } from '../../../i18n';
import type { ResultCard, ResultPhase, ResultWall } from '../../../results/closed-results';
import { colourFill, isCardColour } from '../../../domain/cards';
import type { LogoType } from '../../site-settings';
import type { ArchiveExport } from '../archive-entry';
import type { WallCanvas } from '../wall-canvas';

/**
 * What every generated document of an archive says, worked out once from the export: the texts in
 * the workshop's language, the numbers, the rows of the tables and the trail from each measure back
 * to its cards. The PDF, DOCX, XLSX and CSV writers only lay this out, so they cannot disagree.
 *
 * Everything in the export was typed by people, so every text passes `cleanText` here: control
 * characters (invalid in the XML inside DOCX and XLSX, which Word and Excel then refuse to open)
 * and bidi overrides (which would turn the following text of a line or cell around) are dropped.
 * Text is only ever written as text; no writer interprets markup.
 */

/** What the documents take from the municipality's settings. */
export interface DocumentSettings {
	municipalityName: string | null;
	/** PNG or JPEG go into the PDF and DOCX; WebP is left out (neither format can carry it). */
	logo: { type: LogoType; bytes: Uint8Array } | null;
	/** The documents' language; German unless the workshop was held in another. */
	locale?: Locale;
	/**
	 * Written into the files' metadata and the title page. Defaults to the moment of the close, so
	 * generating the same archive twice gives the same bytes (and the same hashes).
	 */
	generatedAt?: Date;
}

export interface DocCard {
	id: string;
	text: string;
	dots: number | null;
}
export interface DocGroup {
	name: string;
	dots: number | null;
	cards: DocCard[];
}
export interface DocWall {
	/** "12 Karten, davon 9 in 3 Gruppen." with the singular where it is one. */
	summary: string;
	cardCount: number;
	groupedCount: number;
	groups: DocGroup[];
	loose: DocCard[];
	votes: { label: string; dots: number; rank: number }[];
	/** The canvas as it lay at the close; null for archives made before positions were kept. */
	canvas: DocCanvas | null;
}
export interface DocRect {
	x: number;
	y: number;
	width: number;
	height: number;
}
/** A picture of a wall in wall units: frames under cards, `bounds` around all of them. */
export interface DocCanvas {
	bounds: DocRect;
	frames: (DocRect & { name: string; dots: number | null })[];
	cards: (DocRect & { id: string; text: string; dots: number | null; fill: string })[];
}
export interface DocPhase {
	id: string;
	number: number;
	title: string;
	prompt: string;
	wall: DocWall | null;
	vision: { kind: 'heading' | 'paragraph' | 'item'; text: string }[] | null;
}
export interface DocTrailCard {
	text: string;
	/** Where the card sat at the close: "Kritikphase, Gruppe „Verkehr“", or that it is gone. */
	where: string;
	dots: number | null;
}
export interface DocMeasure {
	id: string;
	label: string;
	title: string;
	description: string;
	status: string;
	responsible: string;
	partners: string;
	startOn: string;
	dueOn: string;
	period: string;
	targetGroups: string;
	goals: string;
	districts: string;
	origin: DocTrailCard[];
}
export interface DocCardRow {
	phase: string;
	group: string;
	groupDots: number | null;
	text: string;
	dots: number | null;
	id: string;
}

export interface Documentation {
	locale: Locale;
	/** BCP 47 tag for the files' language metadata. */
	lang: string;
	t: (key: MessageKey, params?: Record<string, string | number>) => string;
	municipality: string | null;
	logo: DocumentSettings['logo'];
	workshopId: string;
	title: string;
	documentTitle: string;
	subject: string;
	formatLabel: string;
	dateLabel: string;
	closedLabel: string;
	generatedAt: Date;
	generatedLabel: string;
	description: string;
	facts: { label: string; value: string }[];
	/** Every phase of the plan, for the "Ablauf" list. */
	phaseTitles: string[];
	/** The phases that produced something to show: a wall, a text or both. */
	phases: DocPhase[];
	measures: DocMeasure[];
	cards: DocCardRow[];
}

/** Drops what must not reach a document: C0/C1 controls but tab and newline, bidi overrides and
 *  isolates, lone surrogates and the two non-characters XML forbids. */
export function cleanText(value: unknown): string {
	return String(value ?? '')
		.replace(/\r\n?/g, '\n')
		.replace(/[\p{Cc}\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]/gu, (c) =>
			c === '\t' || c === '\n' ? c : ''
		)
		.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

/** One line: newlines and runs of blanks become one space (titles, table cells, list items). */
export function oneLine(value: unknown): string {
	return cleanText(value).replace(/\s+/g, ' ').trim();
}

// Staff texts exist in German and English; the other languages get the English documentation.
const langTags: Record<Locale, string> = {
	de: 'de-DE',
	en: 'en-GB',
	tr: 'en-GB',
	ar: 'en-GB',
	uk: 'en-GB',
	ru: 'en-GB'
};

export function describeArchive(
	exported: ArchiveExport,
	settings: DocumentSettings
): Documentation {
	const locale = settings.locale ?? 'de';
	const t = (key: MessageKey, params?: Record<string, string | number>) =>
		translate(locale, key, params);
	const known = (key: string, fallback: string) => {
		const text = translate(locale, key);
		return text === key ? fallback : text;
	};
	const longDate = new Intl.DateTimeFormat(langTags[locale], {
		dateStyle: 'long',
		timeZone: 'Europe/Berlin'
	});
	const shortDate = new Intl.DateTimeFormat(langTags[locale], {
		dateStyle: 'medium',
		timeZone: 'UTC'
	});
	const longDay = new Intl.DateTimeFormat(langTags[locale], { dateStyle: 'long', timeZone: 'UTC' });
	/** A calendar day (YYYY-MM-DD) as the reader writes it; anything else as it came. */
	const day = (value: string | null, format = shortDate) => {
		const text = oneLine(value);
		if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
		const date = new Date(`${text}T00:00:00Z`);
		return Number.isNaN(date.getTime()) ? text : format.format(date);
	};

	const workshop = exported.workshop;
	const title = oneLine(workshop.title) || t('archive.doc.titleFallback');
	const closedAt = new Date(workshop.closedAt);
	const generatedAt =
		settings.generatedAt ?? (Number.isNaN(closedAt.getTime()) ? new Date(0) : closedAt);
	const districtNames = (list: { level: string; code: string; name: string }[]) =>
		list.map((d) => oneLine(d.name) || oneLine(d.code)).join(', ');
	const formatLabel = known(`workshop.format.${workshop.format}`, oneLine(workshop.format));
	const dateLabel = workshop.startsOn ? day(workshop.startsOn, longDay) : t('archive.doc.noDate');
	const closedLabel = Number.isNaN(closedAt.getTime()) ? '' : longDate.format(closedAt);

	const phases = exported.phases.map((phase, index) => describePhase(phase, index + 1, t));
	const cardPlace = new Map<string, { where: string; dots: number | null }>();
	for (const phase of phases) {
		if (!phase.wall) continue;
		for (const group of phase.wall.groups)
			for (const card of group.cards)
				cardPlace.set(card.id, {
					where: t('archive.doc.trailGroup', { phase: phase.title, group: group.name }),
					dots: card.dots
				});
		for (const card of phase.wall.loose)
			cardPlace.set(card.id, { where: phase.title, dots: card.dots });
	}

	const measures = exported.measures.map((m, index): DocMeasure => {
		const startOn = day(m.startOn);
		const dueOn = day(m.dueOn);
		return {
			id: m.id,
			label: t('archive.doc.measureNumber', { n: index + 1 }),
			title: oneLine(m.title),
			description: cleanText(m.description).trim(),
			status: known(`measures.status.${m.status}`, oneLine(m.status)),
			responsible: oneLine(m.responsible),
			partners: oneLine(m.partners),
			startOn,
			dueOn,
			period: period(startOn, dueOn, t),
			targetGroups: oneLine(m.targetGroups),
			goals: m.goals
				.map((g) => oneLine(g.title))
				.filter(Boolean)
				.join('; '),
			districts: m.districts.length ? districtNames(m.districts) : t('archive.doc.citywide'),
			origin: m.originCards.map((card) => {
				const place = cardPlace.get(card.id);
				return {
					text: oneLine(card.text),
					where: place?.where ?? t('archive.doc.trailOffWall'),
					dots: place?.dots ?? null
				};
			})
		};
	});

	const cards: DocCardRow[] = [];
	for (const phase of phases) {
		if (!phase.wall) continue;
		for (const group of phase.wall.groups)
			for (const card of group.cards)
				cards.push({
					phase: phase.title,
					group: group.name,
					groupDots: group.dots,
					text: card.text,
					dots: card.dots,
					id: card.id
				});
		for (const card of phase.wall.loose)
			cards.push({
				phase: phase.title,
				group: '',
				groupDots: null,
				text: card.text,
				dots: card.dots,
				id: card.id
			});
	}

	const none = t('archive.doc.none');
	return {
		locale,
		lang: langTags[locale],
		t,
		municipality: oneLine(settings.municipalityName) || null,
		logo: settings.logo,
		workshopId: workshop.id,
		title,
		documentTitle: t('archive.doc.documentTitle', { title }),
		subject: t('archive.doc.subject', { title }),
		formatLabel,
		dateLabel,
		closedLabel,
		generatedAt,
		generatedLabel: t('archive.doc.generated', { date: longDate.format(generatedAt) }),
		description: cleanText(workshop.description).trim(),
		facts: [
			{ label: t('archive.doc.format'), value: formatLabel },
			{ label: t('archive.doc.date'), value: dateLabel },
			{ label: t('archive.doc.closed'), value: closedLabel },
			{ label: t('archive.doc.districts'), value: districtNames(exported.districts) || none },
			{
				label: t('archive.doc.goals'),
				value: exported.goals.map((g) => oneLine(g.title)).join('; ') || none
			},
			{
				label: t('archive.doc.participation'),
				value: t('archive.doc.participationValue', {
					participants: exported.participation.participants,
					observers: exported.participation.observers
				})
			},
			// Hybrid sessions: cards of people without a device, typed in by the facilitator.
			...(exported.participation.paperCards
				? [
						{
							label: t('archive.doc.paperCards'),
							value: String(exported.participation.paperCards)
						}
					]
				: [])
		],
		phaseTitles: phases.map((p) => p.title),
		phases: phases.filter((p) => p.wall || p.vision),
		measures,
		cards
	};
}

function describePhase(
	phase: ResultPhase & { canvas?: WallCanvas },
	number: number,
	t: Documentation['t']
): DocPhase {
	return {
		id: phase.id,
		number,
		title: oneLine(phase.title) || `${number}`,
		prompt: oneLine(phase.prompt),
		wall: phase.wall ? describeWall(phase.wall, t, phase.canvas) : null,
		vision: phase.text
			? phase.text
					.map((block) => ({ kind: block.kind, text: oneLine(block.text) }))
					.filter((block) => block.text)
			: null
	};
}

function describeWall(wall: ResultWall, t: Documentation['t'], canvas?: WallCanvas): DocWall {
	const card = (c: ResultCard): DocCard => ({ id: c.id, text: oneLine(c.text), dots: c.dots });
	const groups = wall.groups.map((g) => ({
		name: oneLine(g.name) || t('archive.doc.unnamedGroup'),
		dots: g.dots,
		cards: g.cards.map(card)
	}));
	const groupedCount = groups.reduce((sum, g) => sum + g.cards.length, 0);
	const cardCount = groupedCount + wall.loose.length;
	const counts = { cards: cardCount, grouped: groupedCount, groups: groups.length };
	return {
		summary:
			cardCount === 1
				? t(
						groupedCount
							? 'archive.doc.wallSummaryOneCardGrouped'
							: 'archive.doc.wallSummaryOneCard'
					)
				: t(
						groups.length === 1 ? 'archive.doc.wallSummaryOneGroup' : 'archive.doc.wallSummary',
						counts
					),
		cardCount: groupedCount + wall.loose.length,
		groupedCount,
		groups,
		loose: wall.loose.map(card),
		votes: [...wall.votes]
			.sort((a, b) => a.rank - b.rank || b.dots - a.dots)
			.map((v) => ({ label: oneLine(v.label), dots: v.dots, rank: v.rank })),
		canvas: describeCanvas(
			canvas,
			groups,
			[...groups.flatMap((g) => g.cards), ...wall.loose.map(card)],
			wall.groups
		)
	};
}

/** Wall units are kept within this; anything beyond is not a real wall (or a tampered export). */
const wallLimit = 1e6;

/**
 * The canvas of a wall with each card's text and dots and each frame's group name, checked: only
 * cards and groups of this wall, finite sizes within the wall's limits. Null when the archive has
 * no positions or they cover none of the wall's cards; the documents then draw an overview.
 */
function describeCanvas(
	canvas: WallCanvas | undefined,
	groups: DocGroup[],
	cards: DocCard[],
	resultGroups: ResultWall['groups']
): DocCanvas | null {
	if (!canvas || !Array.isArray(canvas.cards) || !Array.isArray(canvas.frames)) return null;
	const rect = (r: unknown): DocRect | null => {
		const { x, y, width, height } = (r ?? {}) as Record<string, unknown>;
		const ok = [x, y, width, height].every(
			(n) => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= wallLimit
		);
		return ok && (width as number) > 0 && (height as number) > 0
			? { x: x as number, y: y as number, width: width as number, height: height as number }
			: null;
	};
	const byId = new Map(cards.map((c) => [c.id, c]));
	const groupOf = new Map(resultGroups.map((g, i) => [g.id, groups[i]]));
	const placedCards: DocCanvas['cards'] = [];
	const seen = new Set<string>();
	for (const c of canvas.cards) {
		const card = byId.get(c?.id);
		const box = rect(c);
		if (!card || !box || seen.has(card.id)) continue;
		seen.add(card.id);
		placedCards.push({
			...box,
			id: card.id,
			text: card.text,
			dots: card.dots,
			fill: colourFill[isCardColour(c.colour) ? c.colour : 'yellow']
		});
	}
	const frames: DocCanvas['frames'] = [];
	for (const f of canvas.frames) {
		const group = groupOf.get(f?.id);
		const box = rect(f);
		if (group && box) frames.push({ ...box, name: group.name, dots: group.dots });
	}
	if (cards.length ? !placedCards.length : !frames.length) return null;
	let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const r of [...frames, ...placedCards]) {
		x0 = Math.min(x0, r.x);
		y0 = Math.min(y0, r.y);
		x1 = Math.max(x1, r.x + r.width);
		y1 = Math.max(y1, r.y + r.height);
	}
	return { bounds: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 }, frames, cards: placedCards };
}

function period(start: string, due: string, t: Documentation['t']): string {
	if (start && due) return t('archive.doc.periodBoth', { start, due });
	if (start) return t('archive.doc.periodFrom', { start });
	if (due) return t('archive.doc.periodUntil', { due });
	return '';
}

/** "1 Punkt", "12 Punkte"; nothing when no vote was shown. */
export function dotsLabel(doc: Documentation, dots: number | null): string {
	if (dots === null) return '';
	return dots === 1 ? doc.t('archive.doc.dotsOne') : doc.t('archive.doc.dots', { n: dots });
}

export function cardsLabel(doc: Documentation, n: number): string {
	return n === 1 ? doc.t('archive.doc.cardsOne') : doc.t('archive.doc.cards', { n });
}

/** The section titles in order, for the table of contents and the DOCX. */
export function sectionTitles(doc: Documentation): string[] {
	return [
		doc.t('archive.doc.overview'),
		...doc.phases.map((p) => p.title),
		doc.t('archive.doc.measures'),
		doc.t('archive.doc.trail')
	];
}

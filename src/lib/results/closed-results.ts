import * as Y from 'yjs';
import {
	minutesField,
	readAgenda,
	readRoundTable,
	type ActionView,
	type DecisionView
} from '../boards/agenda/agenda-doc';
import { readControl } from '../collab/control';
import { readMeasures } from '../collab/measures';
import { readCards, readClusters } from '../collab/wall';
import { visionField } from '../domain/vision';
import { visionBlocks, type VisionBlock } from '../collab/vision-blocks';
import type { BoardKind } from '../domain/facilitation/phases';
import type { MeasureStatus } from '../domain/measures';
import type { PhaseVariants } from '../domain/facilitation/phase-variants';

/**
 * What a closed workshop shows instead of its live boards: plain data read once on the server from
 * the stored documents (the sync server refuses connections to closed workshops). Nothing here is
 * markup: the vision text becomes a list of blocks of plain text, rendered as text.
 */
export interface ResultCard {
	id: string;
	text: string;
	dots: number | null;
}
export interface ResultGroup {
	id: string;
	name: string;
	dots: number | null;
	cards: ResultCard[];
}
export interface ResultWall {
	groups: ResultGroup[];
	loose: ResultCard[];
	/** Ranked vote results (revealed ones only): label and dots. */
	votes: { label: string; dots: number; rank: number }[];
}
/** A service of the Bestandsaufnahme: what it is, never who entered it. */
export interface ResultService {
	id: string;
	name: string;
	provider: string;
	targetGroups: string;
	kind: 'formal' | 'informal' | '';
}
/** The services entered during the workshop, by district. */
export interface ResultInventory {
	districts: { key: string; name: string; services: ResultService[] }[];
}
export interface ResultAgendaItem {
	id: string;
	title: string;
	timebox: number;
	done: boolean;
	carriedFrom: string | null;
	/** The item's minutes as plain blocks. */
	minutes: VisionBlock[];
}
/** A Runder Tisch meeting: its agenda with minutes, its decisions and its action items. */
export interface ResultAgenda {
	items: ResultAgendaItem[];
	decisions: DecisionView[];
	actions: Omit<ActionView, 'measureId'>[];
}
export interface ResultPhase {
	id: string;
	title: string;
	prompt: string;
	/** The facilitator's versions in other languages (see domain/facilitation/phase-variants.ts). */
	variants?: PhaseVariants;
	kinds: BoardKind[];
	wall: ResultWall | null;
	text: VisionBlock[] | null;
	/**
	 * The first Bestandsaufnahme phase only; filled in on the server (lib/server/closed-results.ts),
	 * since the store, not the documents, holds the services.
	 */
	inventory?: ResultInventory;
}
export interface ResultMeasure {
	id: string;
	title: string;
	description: string;
	responsible: string;
	dueOn: string;
	/** From the register, once the workshop is closed: where the measure stands now. */
	status?: MeasureStatus;
	progress?: number | null;
	/** The newest progress report's date and note. */
	latest?: { on: string; note: string } | null;
	/** The measure grew from one of the viewer's own (not anonymous) cards. */
	fromOwnCard?: boolean;
}
export interface ClosedResults {
	phases: ResultPhase[];
	measures: ResultMeasure[];
	/** A Runder Tisch meeting: once, though all its phases show the same agenda board. */
	agenda?: ResultAgenda;
}

export function readClosedResults(content: Y.Doc, control: Y.Doc): ClosedResults {
	const state = readControl(control);
	const phases = (state.plan?.phases ?? []).filter((phase) => !phase.skipped);
	const firstWall = phases.find((p) => p.boardKinds.includes('wall'))?.id ?? null;
	const cards = readCards(content);
	const results: ResultPhase[] = phases.map((phase) => {
		const votes = state.voteResults[phase.id]?.results ?? [];
		const dotsOf = new Map(votes.map((r) => [r.itemId, r.dots]));
		let wall: ResultWall | null = null;
		if (phase.boardKinds.includes('wall')) {
			const onWall = cards.filter(
				(c) => c.board === phase.id || (phase.id === firstWall && c.board === '')
			);
			const asCard = (c: (typeof cards)[number]): ResultCard => ({
				id: c.id,
				text: c.text,
				dots: dotsOf.get(c.id) ?? null
			});
			const groups = readClusters(content, phase.id).map((g) => ({
				id: g.id,
				name: g.name,
				dots: dotsOf.get(g.id) ?? null,
				cards: onWall.filter((c) => c.cluster === g.id).map(asCard)
			}));
			const grouped = new Set(groups.map((g) => g.id));
			const labels = new Map<string, string>([
				...onWall.map((c) => [c.id, c.text] as const),
				...groups.map((g) => [g.id, g.name] as const)
			]);
			wall = {
				groups,
				loose: onWall.filter((c) => !grouped.has(c.cluster)).map(asCard),
				votes: votes
					.filter((r) => r.dots > 0 && labels.has(r.itemId))
					.map((r) => ({ label: labels.get(r.itemId) ?? '', dots: r.dots, rank: r.rank }))
			};
		}
		const text = phase.boardKinds.includes('text')
			? visionBlocks(content.getXmlFragment(visionField(phase.id)))
			: null;
		return {
			id: phase.id,
			title: phase.title,
			prompt: phase.prompt,
			...(phase.variants ? { variants: phase.variants } : {}),
			kinds: phase.boardKinds,
			wall,
			text
		};
	});
	const measures = readMeasures(content).map((m) => ({
		id: m.id,
		title: String(m.title),
		description: String(m.description),
		responsible: String(m.responsible),
		dueOn: String(m.dueOn)
	}));
	const agenda = phases.some((p) => p.boardKinds.includes('agenda'))
		? { agenda: readResultAgenda(content, control) }
		: {};
	return { phases: results, measures, ...agenda };
}

/**
 * The meeting as its documents held it at the close: the agenda and each item's minutes from the
 * content, the decisions and action items the server last wrote into the control document.
 */
export function readResultAgenda(content: Y.Doc, control: Y.Doc): ResultAgenda {
	const record = readRoundTable(control);
	return {
		items: readAgenda(content).map((item) => ({
			id: item.id,
			title: item.title,
			timebox: item.timebox,
			done: item.done,
			carriedFrom: item.carriedFrom,
			minutes: visionBlocks(content.getXmlFragment(minutesField(item.id)))
		})),
		decisions: record.decisions.map(({ id, number, text, decidedOn, vote }) => ({
			id,
			number,
			text,
			decidedOn,
			vote
		})),
		actions: record.actions.map(({ id, title, owner, dueOn, status, fromMeeting, carried }) => ({
			id,
			title,
			owner,
			dueOn,
			status,
			fromMeeting,
			carried
		}))
	};
}

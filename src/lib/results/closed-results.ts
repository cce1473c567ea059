import * as Y from 'yjs';
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
export interface ResultPhase {
	id: string;
	title: string;
	prompt: string;
	/** The facilitator's versions in other languages (see domain/facilitation/phase-variants.ts). */
	variants?: PhaseVariants;
	kinds: BoardKind[];
	wall: ResultWall | null;
	text: VisionBlock[] | null;
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
	return { phases: results, measures };
}

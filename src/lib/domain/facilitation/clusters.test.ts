import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
	clusterOf,
	createCluster,
	deleteCluster,
	maxClusters,
	moveCardToCluster,
	noClusters,
	normalizeClusters,
	renameCluster,
	type ClusterResult,
	type Clusters
} from './clusters';

function valueOf(result: ClusterResult): Clusters {
	if (!result.ok) throw new Error(result.error);
	return result.value;
}

const errorOf = (result: ClusterResult) => (result.ok ? 'ok' : result.error);

/** Two clusters, "Verkehr" with cards 1 and 2, "Grün" with card 3. */
function sample(): Clusters {
	let state = valueOf(createCluster(noClusters, 'Verkehr', 'k1'));
	state = valueOf(createCluster(state, 'Grün', 'k2'));
	state = valueOf(moveCardToCluster(state, 'c1', 'k1'));
	state = valueOf(moveCardToCluster(state, 'c2', 'k1'));
	return valueOf(moveCardToCluster(state, 'c3', 'k2'));
}

describe('clusters', () => {
	test('a new cluster is empty and named as typed, trimmed onto one line', () => {
		expect(valueOf(createCluster(noClusters, '  Mehr \n Grün ', 'k1'))).toEqual({
			clusters: [{ id: 'k1', name: 'Mehr Grün', cardIds: [] }]
		});
	});

	test('a name must be 1 to 60 characters', () => {
		expect(errorOf(createCluster(noClusters, '  ', 'k1'))).toBe('cluster.nameEmpty');
		expect(errorOf(createCluster(noClusters, 'x'.repeat(61), 'k1'))).toBe('cluster.nameTooLong');
		expect(errorOf(createCluster(noClusters, 'x'.repeat(60), 'k1'))).toBe('ok');
		expect(errorOf(renameCluster(sample(), 'k1', ''))).toBe('cluster.nameEmpty');
	});

	test('ids must be new and sensible, and the number of clusters is bounded', () => {
		expect(errorOf(createCluster(sample(), 'Noch mal', 'k1'))).toBe('cluster.idTaken');
		expect(errorOf(createCluster(noClusters, 'A', ''))).toBe('cluster.idInvalid');
		expect(errorOf(createCluster(noClusters, 'A', 'x'.repeat(65)))).toBe('cluster.idInvalid');
		let full = noClusters;
		for (let i = 0; i < maxClusters; i++) full = valueOf(createCluster(full, 'A', `k${i}`));
		expect(errorOf(createCluster(full, 'A', 'one-more'))).toBe('cluster.tooMany');
	});

	test('renaming changes only the name', () => {
		const renamed = valueOf(renameCluster(sample(), 'k1', 'Straßen'));
		expect(renamed.clusters[0]).toEqual({ id: 'k1', name: 'Straßen', cardIds: ['c1', 'c2'] });
		expect(renamed.clusters[1]).toEqual(sample().clusters[1]);
	});

	test('moving a card into a cluster takes it out of its old one', () => {
		const moved = valueOf(moveCardToCluster(sample(), 'c1', 'k2'));
		expect(moved.clusters.map((cluster) => cluster.cardIds)).toEqual([['c2'], ['c3', 'c1']]);
		expect(clusterOf(moved, 'c1')).toBe('k2');
	});

	test('moving a card to null unclusters it; moving it where it is keeps its place', () => {
		const state = sample();
		const out = valueOf(moveCardToCluster(state, 'c1', null));
		expect(clusterOf(out, 'c1')).toBeNull();
		expect(out.clusters[0].cardIds).toEqual(['c2']);
		expect(valueOf(moveCardToCluster(state, 'c1', 'k1'))).toEqual(state);
		expect(valueOf(moveCardToCluster(state, 'c9', null))).toEqual(state);
	});

	test('deleting a cluster leaves its cards unclustered', () => {
		const deleted = valueOf(deleteCluster(sample(), 'k1'));
		expect(deleted.clusters.map((cluster) => cluster.id)).toEqual(['k2']);
		expect(clusterOf(deleted, 'c1')).toBeNull();
	});

	test('unknown clusters and empty card ids are refused', () => {
		expect(errorOf(renameCluster(sample(), 'nope', 'A'))).toBe('cluster.unknown');
		expect(errorOf(moveCardToCluster(sample(), 'c1', 'nope'))).toBe('cluster.unknown');
		expect(errorOf(moveCardToCluster(sample(), '', 'k1'))).toBe('cluster.cardInvalid');
		expect(errorOf(deleteCluster(sample(), 'nope'))).toBe('cluster.unknown');
	});

	test('operations never change the clusters they are given', () => {
		const state = sample();
		const snapshot = structuredClone(state);
		renameCluster(state, 'k1', 'B');
		moveCardToCluster(state, 'c1', 'k2');
		deleteCluster(state, 'k2');
		createCluster(state, 'C', 'k3');
		expect(state).toEqual(snapshot);
	});

	test('a card left in two clusters by concurrent edits is repaired the same way everywhere', () => {
		const merged: Clusters = {
			clusters: [
				{ id: 'k1', name: 'A', cardIds: ['c1', 'c2', 'c1'] },
				{ id: 'k2', name: 'B', cardIds: ['c2', 'c3'] },
				{ id: 'k1', name: 'A again', cardIds: ['c4'] }
			]
		};
		expect(normalizeClusters(merged)).toEqual({
			clusters: [
				{ id: 'k1', name: 'A', cardIds: ['c1', 'c2'] },
				{ id: 'k2', name: 'B', cardIds: ['c3'] }
			]
		});
	});
});

describe('any sequence of operations', () => {
	const clusterId = fc.constantFrom('k1', 'k2', 'k3', '');
	const cardId = fc.constantFrom('c1', 'c2', 'c3', 'c4', '');
	const name = fc.oneof(fc.string({ maxLength: 70 }), fc.constant('Verkehr'));
	const operation = fc.oneof(
		fc.record({ op: fc.constant('create' as const), id: clusterId, name }),
		fc.record({ op: fc.constant('rename' as const), id: clusterId, name }),
		fc.record({ op: fc.constant('move' as const), card: cardId, to: fc.option(clusterId) }),
		fc.record({ op: fc.constant('delete' as const), id: clusterId })
	);
	type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

	function apply(state: Clusters, step: Operation): ClusterResult {
		switch (step.op) {
			case 'create':
				return createCluster(state, step.name, step.id);
			case 'rename':
				return renameCluster(state, step.id, step.name);
			case 'move':
				return moveCardToCluster(state, step.card, step.to);
			case 'delete':
				return deleteCluster(state, step.id);
		}
	}

	test('keeps every card in at most one cluster and every cluster id unique', () => {
		fc.assert(
			fc.property(fc.array(operation, { maxLength: 80 }), (operations) => {
				let state = noClusters;
				for (const step of operations) {
					const result = apply(state, step);
					if (result.ok) state = result.value;
					const cards = state.clusters.flatMap((cluster) => cluster.cardIds);
					expect(new Set(cards).size).toBe(cards.length);
					const ids = state.clusters.map((cluster) => cluster.id);
					expect(new Set(ids).size).toBe(ids.length);
					expect(normalizeClusters(state)).toEqual(state);
					if (result.ok && step.op === 'move') expect(clusterOf(state, step.card)).toBe(step.to);
				}
			}),
			{ numRuns: 300 }
		);
	});
});

/**
 * Named clusters of wall cards, the same for dragging on the canvas and for the list view. Pure;
 * every operation returns new clusters or an error code. A card is in at most one cluster.
 *
 * Cards are not checked against the wall here: cards come and go independently, so the caller
 * checks that a card exists, and a card deleted later is simply skipped when clusters are shown.
 */
import { fail, ok, type Result } from './result';

export interface Cluster {
	id: string;
	name: string;
	/** In the order cards were put in, which is the order the list view shows. */
	cardIds: string[];
}

export interface Clusters {
	clusters: Cluster[];
}

export const maxClusterNameLength = 60;
export const maxClusterIdLength = 64;
/** One cluster per five of a full wall's 1,000 cards; beyond that, clustering stops helping. */
export const maxClusters = 200;

export type ClusterError =
	| 'cluster.nameEmpty'
	| 'cluster.nameTooLong'
	| 'cluster.unknown'
	| 'cluster.idInvalid'
	| 'cluster.idTaken'
	| 'cluster.tooMany'
	| 'cluster.cardInvalid';

export type ClusterResult = Result<Clusters, ClusterError>;

export const noClusters: Clusters = { clusters: [] };

/**
 * The caller supplies the id: participants create clusters concurrently in the content document,
 * so ids must be random to not collide, and randomness is not pure.
 */
export function createCluster(state: Clusters, name: string, id: string): ClusterResult {
	if (!id || id.length > maxClusterIdLength) return fail('cluster.idInvalid');
	if (findCluster(state, id)) return fail('cluster.idTaken');
	if (state.clusters.length >= maxClusters) return fail('cluster.tooMany');
	const checked = checkName(name);
	if (!checked.ok) return checked;
	return ok({ clusters: [...state.clusters, { id, name: checked.value, cardIds: [] }] });
}

export function renameCluster(state: Clusters, clusterId: string, name: string): ClusterResult {
	if (!findCluster(state, clusterId)) return fail('cluster.unknown');
	const checked = checkName(name);
	if (!checked.ok) return checked;
	return ok({
		clusters: state.clusters.map((cluster) =>
			cluster.id === clusterId ? { ...cluster, name: checked.value } : cluster
		)
	});
}

/**
 * Puts a card into a cluster, taking it out of any other; `null` takes it out of all clusters.
 * Moving a card to the cluster it is already in keeps its place there.
 */
export function moveCardToCluster(
	state: Clusters,
	cardId: string,
	clusterId: string | null
): ClusterResult {
	if (!cardId) return fail('cluster.cardInvalid');
	if (clusterId !== null && !findCluster(state, clusterId)) return fail('cluster.unknown');
	if (clusterId !== null && clusterOf(state, cardId) === clusterId) return ok(state);
	return ok({
		clusters: state.clusters.map((cluster) => {
			const without = cluster.cardIds.filter((candidate) => candidate !== cardId);
			return cluster.id === clusterId
				? { ...cluster, cardIds: [...without, cardId] }
				: without.length === cluster.cardIds.length
					? cluster
					: { ...cluster, cardIds: without };
		})
	});
}

/** The cluster goes; its cards stay on the wall, unclustered. */
export function deleteCluster(state: Clusters, clusterId: string): ClusterResult {
	if (!findCluster(state, clusterId)) return fail('cluster.unknown');
	return ok({ clusters: state.clusters.filter((cluster) => cluster.id !== clusterId) });
}

export function clusterOf(state: Clusters, cardId: string): string | null {
	return state.clusters.find((cluster) => cluster.cardIds.includes(cardId))?.id ?? null;
}

/**
 * Repairs clusters merged from concurrent edits: two people moving the same card into different
 * clusters at once can leave it in both. The first cluster in order keeps the card, and a repeated
 * cluster id keeps its first cluster, so every peer repairs the same way.
 */
export function normalizeClusters(state: Clusters): Clusters {
	const seenClusters = new Set<string>();
	const seenCards = new Set<string>();
	const clusters: Cluster[] = [];
	for (const cluster of state.clusters) {
		if (seenClusters.has(cluster.id)) continue;
		seenClusters.add(cluster.id);
		const cardIds = cluster.cardIds.filter((cardId) => {
			if (seenCards.has(cardId)) return false;
			seenCards.add(cardId);
			return true;
		});
		clusters.push(cardIds.length === cluster.cardIds.length ? cluster : { ...cluster, cardIds });
	}
	return { clusters };
}

function findCluster(state: Clusters, clusterId: string): Cluster | undefined {
	return state.clusters.find((cluster) => cluster.id === clusterId);
}

/** A cluster name is a one-line label: white space runs fold into one space. */
function checkName(raw: string): Result<string, ClusterError> {
	const name = raw.replace(/\s+/g, ' ').trim();
	if (!name) return fail('cluster.nameEmpty');
	if (name.length > maxClusterNameLength) return fail('cluster.nameTooLong');
	return ok(name);
}

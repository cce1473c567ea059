/**
 * The districts as a hierarchy (Bezirk → Bezirksregion → Planungsraum) and a search over them. Built
 * from the parent code and level each district carries, so any number of levels works.
 */
export interface DistrictItem {
	code: string;
	name: string;
	level: string;
	parentCode: string | null;
	parentLevel: string | null;
}

export interface TreeNode extends DistrictItem {
	children: TreeNode[];
}

const keyOf = (level: string, code: string) => `${level}\u0000${code}`;

/** Areas whose parent is not imported become roots, so nothing imported is ever hidden. */
export function buildTree(items: readonly DistrictItem[]): TreeNode[] {
	const nodes = new Map<string, TreeNode>();
	for (const item of items) nodes.set(keyOf(item.level, item.code), { ...item, children: [] });
	const roots: TreeNode[] = [];
	for (const node of nodes.values()) {
		const parent =
			node.parentCode !== null && node.parentLevel !== null
				? nodes.get(keyOf(node.parentLevel, node.parentCode))
				: undefined;
		(parent?.children ?? roots).push(node);
	}
	const sort = (list: TreeNode[]) => {
		list.sort((a, b) => a.code.localeCompare(b.code));
		for (const node of list) sort(node.children);
	};
	sort(roots);
	return roots;
}

/** Lower case without accents, so "lutzow" finds "Lützowstraße". */
export function normalise(text: string): string {
	return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('de');
}

export interface SearchHit {
	item: DistrictItem;
	/** Parents from the coarsest down, for "in Mitte › Tiergarten Süd". */
	path: DistrictItem[];
}

export function searchDistricts(
	items: readonly DistrictItem[],
	query: string,
	limit = 50
): { hits: SearchHit[]; total: number } {
	const wanted = normalise(query.trim());
	if (!wanted) return { hits: [], total: 0 };
	const byKey = new Map(items.map((item) => [keyOf(item.level, item.code), item]));
	const pathOf = (item: DistrictItem) => {
		const path: DistrictItem[] = [];
		let current = item;
		while (current.parentCode !== null && current.parentLevel !== null && path.length < 10) {
			const parent = byKey.get(keyOf(current.parentLevel, current.parentCode));
			if (!parent) break;
			path.unshift(parent);
			current = parent;
		}
		return path;
	};
	const matches = items.filter(
		(item) => normalise(item.name).includes(wanted) || item.code.startsWith(wanted)
	);
	return {
		hits: matches.slice(0, limit).map((item) => ({ item, path: pathOf(item) })),
		total: matches.length
	};
}

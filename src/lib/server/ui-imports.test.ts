import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { expect, test } from 'vitest';

/**
 * Contracts (types and checks shared by the server and the pages) live in src/lib/domain and
 * src/lib/collab. The UI feature folders may import them, never the other way round: a server
 * module that reaches into a Svelte folder breaks when the page is reorganised.
 */
const root = resolve(__dirname, '../../..');
const uiFolders = ['board', 'measures', 'districts', 'facilitation', 'editor'].map((folder) =>
	resolve(root, 'src/lib', folder)
);
const checked = ['src/lib/server', 'src/lib/domain', 'src/lib/collab', 'src/routes/api', 'server'];

function* sourceFiles(dir: string): Generator<string> {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) yield* sourceFiles(path);
		else if (/\.(ts|mjs|js)$/.test(entry.name)) yield path;
	}
}

function importedPaths(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	return [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map(([, spec]) =>
		spec.startsWith('$lib/')
			? resolve(root, 'src/lib', spec.slice(5))
			: spec.startsWith('.')
				? resolve(file, '..', spec)
				: spec
	);
}

test('server modules, contracts and API routes import nothing from the UI feature folders', () => {
	const offending: string[] = [];
	for (const dir of checked)
		for (const file of sourceFiles(resolve(root, dir)))
			for (const path of importedPaths(file))
				if (uiFolders.some((folder) => path === folder || path.startsWith(`${folder}/`)))
					offending.push(`${relative(root, file)} → ${relative(root, path)}`);
	expect(offending).toEqual([]);
});

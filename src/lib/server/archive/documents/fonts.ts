import { createRequire } from 'node:module';

/**
 * The PDF's typeface: Noto Sans (SIL Open Font License 1.1), from the npm package
 * `@expo-google-fonts/noto-sans`, so the font comes with `npm install` and its licence
 * (LICENSE_FONT in the package) travels with it. It covers Latin (umlauts, ß, „“ and –), Greek and
 * Cyrillic; pdfkit embeds only the glyphs a document uses. Characters it lacks (Hebrew, Arabic,
 * emoji) come out as empty boxes in the picture while the text layer keeps them.
 *
 * Resolved from this module at run time rather than imported, so the Vite build does not need to
 * know about the files: `node_modules` is there wherever `npm start` runs.
 */
const fontFiles = {
	regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
	bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
	italic: '@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf'
} as const;

export type FontName = keyof typeof fontFiles;

/** The font files' paths, resolved once per process: they never change while it runs. */
let resolved: Record<FontName, string> | null = null;

export function documentFontPaths(): Record<FontName, string> {
	if (resolved) return resolved;
	const require = createRequire(import.meta.url);
	resolved = {
		regular: require.resolve(fontFiles.regular),
		bold: require.resolve(fontFiles.bold),
		italic: require.resolve(fontFiles.italic)
	};
	return resolved;
}

/** The language switch (LanguageSwitch.svelte). The six language names stay in their own language. */
export const languagesDe = {
	'lang.apply': 'Wechseln'
} as const;

export const languagesEn: Record<keyof typeof languagesDe, string> = {
	'lang.apply': 'Switch'
};

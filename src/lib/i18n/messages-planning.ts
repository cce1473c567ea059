/** UI text: Planning: districts, indicators, maps, profiles. German first, plain language; English mirrors every key. */
export const planningDe = {} as const;

export const planningEn: Record<keyof typeof planningDe, string> = {};

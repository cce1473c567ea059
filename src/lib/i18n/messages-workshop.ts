/** UI text: Live workshop: phases, timer, voting, anonymity. German first, plain language; English mirrors every key. */
export const workshopDe = {} as const;

export const workshopEn: Record<keyof typeof workshopDe, string> = {};

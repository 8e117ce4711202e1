export { i18n, label, switchLanguage, useLang } from "./state.svelte";
export type { Dict } from "./nl";

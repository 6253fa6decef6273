// Noto Sans ships with the app (latin + vietnamese subsets together, or letters such as Ư, Ự, Đ
// would come from a fallback font) so thin terminals without it installed render the same.
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-700.css';
import '@fontsource/noto-sans/vietnamese-400.css';
import '@fontsource/noto-sans/vietnamese-700.css';

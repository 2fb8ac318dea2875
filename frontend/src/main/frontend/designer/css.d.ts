// Lets TypeScript 6 accept side-effect stylesheet imports (React Flow's base styles, the canvas styles).
declare module '*.css';

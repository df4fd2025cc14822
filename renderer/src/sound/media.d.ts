/** Vite turns an imported audio file into its URL (the file is copied into the build's assets). */
declare module '*.wav' {
  const url: string;
  export default url;
}

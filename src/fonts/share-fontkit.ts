import { shareParsedFonts } from './parse.js';

// Imported for its effect, before pdfmake: pdfkit must find the fontkit that remembers parsed fonts.
shareParsedFonts();

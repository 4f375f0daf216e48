export { fillTemplate, fillSubject, type FilledTemplate, type TemplateVariables } from './fill-template';
export { listPlaceholders, type PlaceholderList } from './list-placeholders';
export { parseTemplate, type TemplatePart } from './parse-template';

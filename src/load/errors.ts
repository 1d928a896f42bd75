/** An input could not be used at all: unreadable, or of a dialect nobody can tell. Exit 2. */
export class InputError extends Error {}

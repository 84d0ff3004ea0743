/**
 * The name others see: given name, a space, the first letter of the family name and a full stop
 * ("Maria G."). The full family name stays private. Surrounding spaces are ignored; an empty
 * family name leaves the given name alone.
 */
export function displayName(givenName: string, familyName: string): string {
  const given = givenName.trim();
  // Array.from splits by code point, so an initial outside the BMP is not cut in half.
  const initial = Array.from(familyName.trim())[0];
  return initial ? `${given} ${initial.toUpperCase()}.` : given;
}

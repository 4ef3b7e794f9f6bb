/**
 * A property set on an element before its class was defined is an own data property that hides the
 * class's accessor (frameworks often do this): move each one through the accessor. Lit does this for
 * its own reactive properties; accessors written by hand need it too.
 */
export function upgradeProperties<T extends object>(element: T, names: readonly (keyof T & string)[]): void {
  for (const name of names) {
    if (!Object.hasOwn(element, name)) continue;
    const value = element[name];
    delete element[name];
    element[name] = value;
  }
}

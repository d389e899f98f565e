/// The message catalogs, one file per language under `Catalogs/`: key → ICU MessageFormat pattern with named
/// arguments (see ``UserMessages``). Every catalog has every key of the English one, with the same arguments.
enum Catalogs {}

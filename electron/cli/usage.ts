export const usage = `Casefile — an offline research notebook for incident analysts

Usage: casefile [--library DIR] <command> [options]

Commands:
  import PATH...            import files or folders (recursively); --json: one JSON object per line
  search QUERY              search the library; --limit N (default 20), --json: a JSON array of hits
  call METHOD [JSON]        call any contract method with a JSON input and print its JSON result
  methods                   list the contract's methods with their input schemas (JSON Schema)
  brief [-o FILE]           export a Markdown brief (the whole case, or the scope of --actor NAME,
                            --event TITLE, --tag T, each repeatable); --tlp T (default AMBER),
                            --title TEXT, --author NAME; --format stix: a STIX 2.1 bundle instead
  verify FILE               check every citation of an exported brief against the library
                            (exact, fuzzy with a score, or orphaned); exit 1 unless all exact
  stix import FILE          bring in the actors, events and relations of a STIX 2.1 bundle
  archive export [-o FILE]  the whole library as one zip with a manifest of sha256 hashes
  archive import FILE       unpack an archive into --library DIR (absent or empty), every hash checked
  archive verify FILE       check an archive (a backup) against its manifest, unpacking nothing
  annotations export        the annotations as W3C Web Annotation JSON-LD; --source ID, -o FILE
  annotations import FILE   import W3C Web Annotations, re-anchored; prints the counts as JSON
  backup restore FILE       put back the newest good backup of a damaged record (casefile.json
                            with its journal, entities.json, trash.json…) or of a note or annotation
                            file (notes/ID.json, annotations/SOURCE.json); the damaged file is kept
  serve [--port N]          start web mode on 127.0.0.1; prints the URL to open first
  info                      what the library holds

Options:
  --library DIR   the library folder (default: $CASEFILE_LIBRARY, else the desktop app's library)
  -h, --help      this help
`

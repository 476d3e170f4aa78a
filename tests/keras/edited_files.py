"""``.keras`` files with a part edited: how the tests make the files that another
Keras, an older teachtensor, or a damaged disk would have left."""
import json
import zipfile


def with_edited_parts(source, target, edit):
    """Copy the archive ``source`` to ``target``, passing ``{name: bytes}`` of its
    parts through ``edit(parts)`` (which changes it in place); returns ``target``."""
    with zipfile.ZipFile(source) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    edit(parts)
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return target


def with_edited_config(source, target, edit):
    """``with_edited_parts`` for config.json: ``edit(config)`` changes the parsed JSON."""
    def edit_config(parts):
        config = json.loads(parts["config.json"])
        edit(config)
        parts["config.json"] = json.dumps(config).encode()
    return with_edited_parts(source, target, edit_config)

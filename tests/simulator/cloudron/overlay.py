"""Corrections to the vendor OpenAPI document, applied before request bodies are validated.

Each entry names one operation (method, path as written in the spec), a patch that is deep-merged
into its request body schema (objects merge, everything else replaces), and why.
"""

OVERLAY = (
    {
        "method": "put",
        "path": "/users/{userId}/role",
        "patch": {"required": ["role"]},
        "reason": "The spec lists 'user' as required, a field it does not declare; the body's field is 'role'.",
    },
    {
        "method": "post",
        "path": "/users/{userId}/profile",
        "patch": {"properties": {"username": {"type": "string"}}},
        "reason": "The description says the username can be set while it is still empty, but the schema omits 'username'.",
    },
    {
        "method": "post",
        "path": "/users/{userId}/password",
        "patch": {"required": ["password"]},
        "reason": "The server cannot set a password without one; the spec forgets to mark it required.",
    },
    {
        "method": "post",
        "path": "/apps",
        "patch": {
            "properties": {
                "subdomain": {"type": "string"},
                "domain": {"type": "string"},
                "accessRestriction": {"type": ["object", "null"]},
            },
            "required": ["subdomain", "domain", "accessRestriction"],
            "anyOf": [{"required": ["appStoreId"]}, {"required": ["manifest"]}],
        },
        "reason": "The spec requires both appStoreId and manifest (one of them is meant), requires subdomain and domain "
                  "without declaring them, and types accessRestriction as object although null (everyone) is valid.",
    },
)

#!/bin/sh
# make_completions.sh CLI BASH_OUT ZSH_OUT: writes the bash and zsh completions of the `sentinela`
# CLI from its own --help (cli_help.sh), so a new subcommand or flag is completed once built.
# Subcommands and flags complete by name; everything else (workspaces, exports, models) as files.
set -eu
cli=$1
bash_out=$2
zsh_out=$3
. "$(dirname "$0")/cli_help.sh"

commands=$(cli_subcommands "$cli" | cut -f1)
words() { tr '\n' ' ' | sed 's/ $//'; }

{
    echo "# bash completion for sentinela; generated from 'sentinela --help' by make_completions.sh."
    echo "_sentinela() {"
    echo '    local cur=${COMP_WORDS[COMP_CWORD]} command="" flags word'
    echo '    # The subcommand is the first word after "sentinela" that is not a flag.'
    echo '    for word in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do'
    echo '        if [[ $word != -* ]]; then command=$word; break; fi'
    echo '    done'
    echo '    case $command in'
    echo "        \"\") flags=\"$(cli_flags "$cli" | words)\" ;;"
    for command in $commands; do
        echo "        $command) flags=\"$(cli_flags "$cli" "$command" | words)\" ;;"
    done
    echo '    esac'
    echo '    if [[ $cur == -* ]]; then'
    echo '        COMPREPLY=($(compgen -W "$flags" -- "$cur"))'
    echo '    elif [[ -z $command ]]; then'
    echo "        COMPREPLY=(\$(compgen -W \"$(echo "$commands" | words)\" -- \"\$cur\"))"
    echo '    else'
    echo '        COMPREPLY=()  # files: complete -o default falls back to them'
    echo '    fi'
    echo '}'
    echo 'complete -o default -F _sentinela sentinela'
} >"$bash_out"

{
    echo "#compdef sentinela"
    echo "# zsh completion for sentinela; generated from 'sentinela --help' by make_completions.sh."
    echo "_sentinela() {"
    echo "    local -a commands flags"
    echo "    commands=("
    # "name:description", the description cut at its first sentence; ':' and "'" escaped for zsh.
    cli_subcommands "$cli" | awk -F '\t' '{
        description = $2
        sub(/[.:;] .*| \(.*/, "", description)
        if (length(description) > 70) description = substr(description, 1, 67) "..."
        gsub(/:/, "\\:", description)
        gsub(/\047/, "\047\\\047\047", description)
        printf "        \047%s:%s\047\n", $1, description
    }'
    echo "    )"
    echo '    case ${words[2]} in'
    for command in $commands; do
        echo "        $command) flags=($(cli_flags "$cli" "$command" | words)) ;;"
    done
    echo "        *) flags=($(cli_flags "$cli" | words)) ;;"
    echo '    esac'
    echo '    if [[ $PREFIX == -* ]]; then'
    echo '        compadd -a flags'
    echo '    elif (( CURRENT == 2 )); then'
    echo "        _describe -t commands 'sentinela command' commands"
    echo '    else'
    echo '        _files'
    echo '    fi'
    echo '}'
    echo '_sentinela "$@"'
} >"$zsh_out"

# fish completion for devplan(1)
#
# Commands and options come from the binary itself:
#   devplan --list-cmds             command names, one a line
#   devplan <cmd> --complete-opts   long options, one a line ("--due=" takes
#                                   a value, "--edit" is a flag)
#   devplan --complete people|goals [<person>]|roles|competencies
#                                   names from the repository, read the way
#                                   devplan reads it (flat or grouped layout)
# The -C options on the command line are passed on.

# The words before the cursor, from the command name on.
function __devplan_tokens
    commandline -opc
end

# The -C options on the command line, to pass on to devplan and git.
function __devplan_dirs
    set -l t (__devplan_tokens)
    set -e t[1]
    while set -q t[1]
        switch $t[1]
            case -C
                set -q t[2]; and printf '%s\n' -C $t[2]
                set -e t[1]
            case --as
                set -e t[1]
            case '-*'
            case '*'
                return
        end
        set -e t[1]
    end
end

# The position of the command word among the tokens, or nothing.
function __devplan_cmd_index
    set -l t (__devplan_tokens)
    set -l i 2
    while test $i -le (count $t)
        switch $t[$i]
            case -C --as
                set i (math $i + 1)
            case '-*'
            case '*'
                echo $i
                return
        end
        set i (math $i + 1)
    end
    return 1
end

function __devplan
    command devplan (__devplan_dirs) $argv 2>/dev/null
end

# Person ids, as devplan reads them (flat or grouped layout).
function __devplan_people
    __devplan --complete people
end

# person/slug goal names, one person's folder at a time: "alice/<TAB>".
function __devplan_goals
    set -l cur $argv[1]
    if string match -q '*/*' -- $cur
        for g in (__devplan --complete goals (string split -m1 / -- $cur)[1])
            printf '%s\tgoal\n' $g
        end
    else
        for p in (__devplan_people)
            printf '%s/\tgoals of %s\n' $p $p
        end
    end
end

function __devplan_roles
    __devplan --complete roles
end

function __devplan_competencies
    __devplan --complete competencies
end

# Values of option $argv[2] (no "--", no "=") of command $argv[1].
function __devplan_values
    switch $argv[2]
        case status
            printf '%s\n' proposed draft active blocked done dropped
        case type
            printf '%s\n' knowledge skill competency experience career
        case category
            printf '%s\n' core technical specialised
        case track
            printf '%s\n' ic management
        case format
            switch $argv[1]
                case goals
                    printf '%s\n' table json
                case show
                    printf '%s\n' markdown json
                case check
                    printf '%s\n' text json github codequality
                case export
                    printf '%s\n' json csv ics
                case stats
                    printf '%s\n' table json
            end
        case for manager mentor as proposed-by
            __devplan_people
        case role next
            __devplan_roles
        case output
            __fish_complete_directories
        case competency competencies
            __devplan_competencies
        case require
            __devplan_competencies | string replace -r '$' =
    end
end

# Fields "devplan set <record>" offers, by the kind of record.
function __devplan_fields
    set -l goal title status type created due progress competencies success proposed-by
    set -l profile name email role manager mentor team
    set -l f $goal
    switch $argv[1]
        case '*roles/*'
            set f title track level next
        case '*devplan.yaml'
            set f org
        case '*/profile.md'
            set f $profile
        case '*/*'
        case '*'
            contains -- $argv[1] (__devplan_people); and set f $profile
    end
    printf '%s=\n' $f
end

# Global options and the command name.
function __devplan_global
    set -l cur (commandline -ct)
    set -l t (__devplan_tokens)
    switch $t[-1]
        case -C
            __fish_complete_directories $cur
            return
        case --as
            __devplan_people
            return
    end
    switch $cur
        case '--as=*'
            __devplan_people | string replace -r '^' -- --as=
        case '-*'
            printf '%s\t%s\n' -C 'run as if started in a directory' \
                --as 'act as another person' --no-pager 'do not page output' \
                --version 'print the version' --help 'print the usage'
        case '*'
            __devplan --list-cmds
    end
end

# Everything after the command name.
function __devplan_args
    set -l t (__devplan_tokens)
    set -l ci (__devplan_cmd_index); or return
    set -l cmd $t[$ci]
    set -l cur (commandline -ct)
    set -l prev $t[-1]
    set -l opts (__devplan $cmd --complete-opts)

    # "--due <TAB>": the value of the option before the cursor.
    if string match -q -- '--*' $prev; and contains -- $prev= $opts
        __devplan_values $cmd (string sub -s 3 -- $prev)
        return
    end
    test "$prev" = -m; and return

    switch $cur
        case '--*=*'
            set -l o (string split -m1 = -- $cur)[1]
            __devplan_values $cmd (string sub -s 3 -- $o) | string replace -r '^' -- $o=
            return
        case '-*'
            printf '%s\n' $opts
            return
    end

    # Positional arguments before the cursor, skipping options and the
    # values of options that take one.
    set -l args
    set -l i (math $ci + 1)
    while test $i -le (count $t)
        set -l w $t[$i]
        switch $w
            case -- '--*=*'
            case '--*'
                contains -- $w= $opts; and set i (math $i + 1)
            case -m -C
                set i (math $i + 1)
            case '-*'
            case '*'
                set -a args $w
        end
        set i (math $i + 1)
    end
    set -l n (count $args)

    switch $cmd
        case init
            test $n -eq 0; and __fish_complete_directories $cur
        case accept decline done progress
            test $n -eq 0; and __devplan_goals $cur
        case action
            switch $n
                case 0
                    printf '%s\t%s\n' add 'add an action' done 'tick off an action'
                case 1
                    __devplan_goals $cur
            end
        case goals assess gap journal note team agenda match
            test $n -eq 0; and __devplan_people
        case career-map swot
            switch $n
                case 0
                    printf '%s\n' add edit remove
                    __devplan_people
                case 1
                    if test $cmd = swot
                        printf '%s\n' strength weakness opportunity threat
                    else
                        printf '%s\n' up lateral explore
                    end
            end
        case show edit set
            if test $n -eq 0
                switch $cur
                    case 'people/*' 'framework/*' 'devplan*' './*' '../*' '/*'
                        __fish_complete_path $cur
                    case '*/*'
                        __devplan_goals $cur
                    case '*'
                        __devplan_people
                        __devplan_goals $cur
                end
            else if test $cmd = set
                if string match -q '*=*' -- $cur
                    set -l f (string split -m1 = -- $cur)[1]
                    __devplan_values set $f | string replace -r '^' -- $f=
                else
                    __devplan_fields $args[1]
                end
            end
        case check commit
            __fish_complete_path $cur
        case help
            test $n -eq 0; and __devplan --list-cmds
    end
end

complete -c devplan -f
complete -c devplan -n 'not __devplan_cmd_index >/dev/null' -a '(__devplan_global)'
complete -c devplan -n '__devplan_cmd_index >/dev/null' -a '(__devplan_args)'

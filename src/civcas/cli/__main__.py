"""`python -m civcas.cli`: the same command line as the `civcas` script."""

from civcas.cli.app import main

main()

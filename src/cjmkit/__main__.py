from cjmkit.cli import main

main()

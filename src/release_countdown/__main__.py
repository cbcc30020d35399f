from release_countdown.cli import main

main()
